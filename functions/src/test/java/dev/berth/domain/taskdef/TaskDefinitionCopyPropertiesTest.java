package dev.berth.domain.taskdef;

import static dev.berth.domain.taskdef.TaskDefinitionCopyTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.image.ImageReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class TaskDefinitionCopyPropertiesTest {

    private static final String REPO = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web";
    private static final ImageReference PUSHED = ImageReference.parse(REPO + ":v9.9.9");
    private static final List<String> IMAGES = List.of(
            REPO + ":v1", REPO + "@sha256:" + "b".repeat(64), "nginx:1.27", "envoyproxy/envoy:v1.29", "${IMAGE}", "");

    /** A definition, and the container names to update (a subset of its containers, possibly none). */
    record Case(Map<String, Object> definition, List<String> chosen) {}

    @Property(tries = 200)
    void onlyTheChosenImagesChangeAndReadOnlyFieldsAreGone(@ForAll("cases") Case c) {
        String before = json(c.definition());
        List<String> selected = c.chosen().isEmpty()
                ? TaskDefinitionCopy.containersRunning(c.definition(), REPO)
                : c.chosen();
        Statistics.collect(c.chosen().isEmpty() ? (selected.isEmpty() ? "nothing runs the repository" : "by repository") : "by name");
        Statistics.coverage(coverage -> {
            coverage.check("by name").count((Integer n) -> n > 0);
            coverage.check("by repository").count((Integer n) -> n > 0);
            coverage.check("nothing runs the repository").count((Integer n) -> n > 0);
        });
        if (selected.isEmpty()) {
            assertThatThrownBy(() -> TaskDefinitionCopy.derive(c.definition(), c.chosen(), PUSHED))
                    .isInstanceOf(InvalidInputException.class);
            return;
        }

        Map<String, Object> next = TaskDefinitionCopy.derive(c.definition(), c.chosen(), PUSHED);

        assertThat(json(c.definition())).as("input unchanged").isEqualTo(before);
        assertThat(next.keySet()).doesNotContainAnyElementsOf(TaskDefinitionCopy.READ_ONLY_FIELDS);
        List<String> expectedKeys = c.definition().keySet().stream()
                .filter(key -> !TaskDefinitionCopy.READ_ONLY_FIELDS.contains(key))
                .toList();
        assertThat(List.copyOf(next.keySet())).isEqualTo(expectedKeys);
        for (String key : expectedKeys) {
            if (!key.equals("containerDefinitions")) {
                assertThat(json(next.get(key))).as(key).isEqualTo(json(c.definition().get(key)));
            }
        }
        List<Map<String, Object>> was = TaskDefinitionCopyTest.containers(c.definition());
        List<Map<String, Object>> now = TaskDefinitionCopyTest.containers(next);
        assertThat(now).hasSameSizeAs(was);
        for (int i = 0; i < was.size(); i++) {
            Map<String, Object> expected = new LinkedHashMap<>(was.get(i));
            if (selected.contains((String) expected.get("name"))) {
                expected.put("image", PUSHED.pinned());
            }
            assertThat(json(now.get(i))).isEqualTo(json(expected));
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<String>> names = Arbitraries.strings().withChars("abcdefghij_-").ofMinLength(1).ofMaxLength(6)
                .set().ofMinSize(1).ofMaxSize(5).map(ArrayList::new);
        return names.flatMap(containerNames -> Combinators.combine(
                        containers(containerNames),
                        fields().map(LinkedHashMap::new),
                        readOnly(),
                        Arbitraries.of(containerNames).set().map(ArrayList::new))
                .as((containers, extra, readOnly, chosen) -> {
                    Map<String, Object> definition = new LinkedHashMap<>();
                    definition.put("family", "web");
                    readOnly.forEach(definition::putIfAbsent);
                    extra.forEach(definition::putIfAbsent);
                    definition.put("containerDefinitions", containers);
                    return new Case(definition, List.copyOf(chosen));
                }));
    }

    private Arbitrary<List<Object>> containers(List<String> names) {
        List<Arbitrary<Map<String, Object>>> each = names.stream()
                .map(name -> Combinators.combine(Arbitraries.of(IMAGES), fields())
                        .as((image, extra) -> {
                            Map<String, Object> container = new LinkedHashMap<>();
                            container.put("name", name);
                            container.put("image", image);
                            extra.forEach(container::putIfAbsent);
                            return container;
                        }))
                .toList();
        return Combinators.combine(each).as(List::<Object>copyOf).map(ArrayList::new);
    }

    private Arbitrary<Map<String, Object>> readOnly() {
        return Arbitraries.subsetOf(TaskDefinitionCopy.READ_ONLY_FIELDS)
                .flatMap((Set<String> keys) -> jsonValues().list().ofSize(keys.size()).map(values -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    List<String> ordered = keys.stream().sorted().toList();
                    for (int i = 0; i < ordered.size(); i++) {
                        fields.put(ordered.get(i), values.get(i));
                    }
                    return fields;
                }));
    }

    private Arbitrary<Map<String, Object>> fields() {
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), jsonValues()).ofMaxSize(4);
    }

    private Arbitrary<Object> jsonValues() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(10).map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.doubles().between(-1e6, 1e6).map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.just(null));
        return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner,
                inner.list().ofMaxSize(3).map(list -> (Object) new ArrayList<>(list)),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5), inner)
                        .ofMaxSize(3).map(map -> (Object) new LinkedHashMap<>(map))), 0, 2);
    }
}
