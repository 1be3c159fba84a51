package dev.berth.sandbox.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.json.Json;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Ruler;

/**
 * EventBridge content filtering, as a table of pattern × event → match. Every row is also put to
 * EventBridge's own engine (aws/event-ruler), so the table cannot drift from what AWS does.
 */
class EventPatternTest {

    /** An ECR push as ECR sends it, with a few extra fields of every JSON type for the operators to bite on. */
    private static final String EVENT = """
            {"version": "0", "id": "13cde686-328b-6117-af20-0e5566167482", "detail-type": "ECR Image Action",
             "source": "aws.ecr", "account": "123456789012", "time": "2026-11-02T21:04:56Z", "region": "us-east-1",
             "resources": ["arn:aws:ecr:us-east-1:123456789012:repository/shop/web", "arn:aws:ecr:us-east-1:123456789012:repository/shop/api"],
             "detail": {"result": "SUCCESS", "repository-name": "shop/web", "action-type": "PUSH", "image-tag": "v1.4.2",
                        "image-digest": "sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd7d2b1b4a",
                        "manifest-media-type": "application/vnd.docker.distribution.manifest.v2+json",
                        "count": 5, "ratio": 301.8, "scanned": false, "owner": null, "tags": ["v1.4.2", "latest"],
                        "layers": [{"size": 10, "kind": "base"}, {"size": 99, "kind": "app"}]}}""";

    static Stream<Arguments> table() {
        return Stream.of(
                // The rule template.yaml declares for EcrPushFunction.
                row("template rule: source and detail-type", "{\"source\": [\"aws.ecr\"], \"detail-type\": [\"ECR Image Action\"]}", EVENT, true),
                row("template rule: another source", "{\"source\": [\"aws.ecr\"], \"detail-type\": [\"ECR Image Action\"]}",
                        EVENT.replace("\"aws.ecr\"", "\"aws.ecs\""), false),
                row("template rule: another detail-type", "{\"source\": [\"aws.ecr\"], \"detail-type\": [\"ECR Image Action\"]}",
                        EVENT.replace("ECR Image Action", "ECR Image Scan"), false),
                row("exact string is case-sensitive", "{\"source\": [\"AWS.ECR\"]}", EVENT, false),
                row("a list is any of", "{\"detail\": {\"result\": [\"FAILURE\", \"SUCCESS\"]}}", EVENT, true),
                row("a list is any of: none", "{\"detail\": {\"result\": [\"FAILURE\", \"PENDING\"]}}", EVENT, false),
                row("every field must match", "{\"source\": [\"aws.ecr\"], \"detail\": {\"result\": [\"FAILURE\"]}}", EVENT, false),
                row("missing field never equals", "{\"detail\": {\"nope\": [\"x\"]}}", EVENT, false),
                row("number equals a number", "{\"detail\": {\"count\": [5]}}", EVENT, true),
                row("number compared by value", "{\"detail\": {\"ratio\": [3.018e2]}}", EVENT, true),
                row("number is not a string", "{\"detail\": {\"count\": [\"5\"]}}", EVENT, false),
                row("string is not a number", "{\"detail\": {\"image-tag\": [1.42]}}", EVENT, false),
                row("boolean", "{\"detail\": {\"scanned\": [false]}}", EVENT, true),
                row("boolean is not its text", "{\"detail\": {\"scanned\": [\"false\"]}}", EVENT, false),
                row("null matches null", "{\"detail\": {\"owner\": [null]}}", EVENT, true),
                row("null does not match a missing field", "{\"detail\": {\"nope\": [null]}}", EVENT, false),
                row("null does not match a value", "{\"detail\": {\"result\": [null]}}", EVENT, false),
                row("empty string", "{\"detail\": {\"image-tag\": [\"\"]}}", EVENT.replace("\"v1.4.2\",", "\"\","), true),
                row("event array: any element", "{\"resources\": [\"arn:aws:ecr:us-east-1:123456789012:repository/shop/api\"]}", EVENT, true),
                row("event array: no element", "{\"resources\": [\"arn:aws:ecr:us-east-1:123456789012:repository/shop/db\"]}", EVENT, false),
                row("event array against a list", "{\"detail\": {\"tags\": [\"stable\", \"latest\"]}}", EVENT, true),
                row("array of objects: one element matches", "{\"detail\": {\"layers\": {\"kind\": [\"app\"]}}}", EVENT, true),
                row("array of objects: fields from one element", "{\"detail\": {\"layers\": {\"kind\": [\"app\"], \"size\": [99]}}}", EVENT, true),
                row("array of objects: never fields of two elements", "{\"detail\": {\"layers\": {\"kind\": [\"app\"], \"size\": [10]}}}", EVENT, false),
                row("nested object", "{\"detail\": {\"repository-name\": [\"shop/web\"], \"action-type\": [\"PUSH\"]}}", EVENT, true),
                row("nested pattern where the event has a string", "{\"source\": {\"x\": [\"y\"]}}", EVENT, false),
                row("prefix", "{\"detail\": {\"repository-name\": [{\"prefix\": \"shop/\"}]}}", EVENT, true),
                row("prefix: no", "{\"detail\": {\"repository-name\": [{\"prefix\": \"team/\"}]}}", EVENT, false),
                row("prefix is case-sensitive", "{\"detail\": {\"repository-name\": [{\"prefix\": \"SHOP/\"}]}}", EVENT, false),
                row("prefix ignoring case", "{\"detail\": {\"repository-name\": [{\"prefix\": {\"equals-ignore-case\": \"SHOP/\"}}]}}", EVENT, true),
                row("prefix applies to strings only", "{\"detail\": {\"count\": [{\"prefix\": \"5\"}]}}", EVENT, false),
                row("suffix", "{\"detail\": {\"manifest-media-type\": [{\"suffix\": \"+json\"}]}}", EVENT, true),
                row("suffix: no", "{\"detail\": {\"manifest-media-type\": [{\"suffix\": \"+xml\"}]}}", EVENT, false),
                row("suffix ignoring case", "{\"detail\": {\"manifest-media-type\": [{\"suffix\": {\"equals-ignore-case\": \"V2+JSON\"}}]}}", EVENT, true),
                row("equals-ignore-case", "{\"detail\": {\"result\": [{\"equals-ignore-case\": \"success\"}]}}", EVENT, true),
                row("equals-ignore-case: no", "{\"detail\": {\"result\": [{\"equals-ignore-case\": \"failure\"}]}}", EVENT, false),
                row("wildcard", "{\"detail\": {\"image-digest\": [{\"wildcard\": \"sha256:*4a\"}]}}", EVENT, true),
                row("wildcard in the middle", "{\"detail\": {\"repository-name\": [{\"wildcard\": \"s*/w*b\"}]}}", EVENT, true),
                row("wildcard: no", "{\"detail\": {\"repository-name\": [{\"wildcard\": \"*/api\"}]}}", EVENT, false),
                row("wildcard escaped asterisk is literal", "{\"detail\": {\"repository-name\": [{\"wildcard\": \"shop\\\\*\"}]}}", EVENT, false),
                row("anything-but a string", "{\"detail\": {\"result\": [{\"anything-but\": \"FAILURE\"}]}}", EVENT, true),
                row("anything-but that very string", "{\"detail\": {\"result\": [{\"anything-but\": \"SUCCESS\"}]}}", EVENT, false),
                row("anything-but a list", "{\"detail\": {\"action-type\": [{\"anything-but\": [\"DELETE\", \"PUSH\"]}]}}", EVENT, false),
                row("anything-but a list: other value", "{\"detail\": {\"action-type\": [{\"anything-but\": [\"DELETE\", \"REPLICATE\"]}]}}", EVENT, true),
                row("anything-but a number", "{\"detail\": {\"count\": [{\"anything-but\": 5}]}}", EVENT, false),
                row("anything-but numbers", "{\"detail\": {\"count\": [{\"anything-but\": [1, 2, 3]}]}}", EVENT, true),
                row("anything-but never matches a missing field", "{\"detail\": {\"nope\": [{\"anything-but\": \"x\"}]}}", EVENT, false),
                row("anything-but prefix", "{\"detail\": {\"repository-name\": [{\"anything-but\": {\"prefix\": \"team/\"}}]}}", EVENT, true),
                row("anything-but prefix: excluded", "{\"detail\": {\"repository-name\": [{\"anything-but\": {\"prefix\": \"shop/\"}}]}}", EVENT, false),
                row("anything-but suffix", "{\"detail\": {\"image-tag\": [{\"anything-but\": {\"suffix\": \"-rc\"}}]}}", EVENT, true),
                row("anything-but ignoring case", "{\"detail\": {\"result\": [{\"anything-but\": {\"equals-ignore-case\": [\"success\", \"x\"]}}]}}", EVENT, false),
                row("anything-but wildcard", "{\"detail\": {\"repository-name\": [{\"anything-but\": {\"wildcard\": \"*/api\"}}]}}", EVENT, true),
                row("anything-but on an array: one other element suffices", "{\"detail\": {\"tags\": [{\"anything-but\": \"latest\"}]}}", EVENT, true),
                row("exists true", "{\"detail\": {\"image-tag\": [{\"exists\": true}]}}", EVENT, true),
                row("exists true: missing", "{\"detail\": {\"nope\": [{\"exists\": true}]}}", EVENT, false),
                row("exists false: missing", "{\"detail\": {\"nope\": [{\"exists\": false}]}}", EVENT, true),
                row("exists false: present", "{\"detail\": {\"image-tag\": [{\"exists\": false}]}}", EVENT, false),
                row("exists true: null is there", "{\"detail\": {\"owner\": [{\"exists\": true}]}}", EVENT, true),
                row("exists false under a missing parent", "{\"nothing\": {\"here\": [{\"exists\": false}]}}", EVENT, true),
                row("exists false on an object (not a leaf)", "{\"detail\": {\"layers\": [{\"exists\": false}]}}", EVENT, true),
                row("exists false or a value", "{\"detail\": {\"image-tag\": [{\"exists\": false}, \"v1.4.2\"]}}", EVENT, true),
                row("numeric range", "{\"detail\": {\"count\": [{\"numeric\": [\">\", 0, \"<=\", 5]}]}}", EVENT, true),
                row("numeric range: open upper end", "{\"detail\": {\"count\": [{\"numeric\": [\">\", 0, \"<\", 5]}]}}", EVENT, false),
                row("numeric less than", "{\"detail\": {\"ratio\": [{\"numeric\": [\"<\", 302]}]}}", EVENT, true),
                row("numeric at least", "{\"detail\": {\"count\": [{\"numeric\": [\">=\", 5]}]}}", EVENT, true),
                row("numeric equals", "{\"detail\": {\"ratio\": [{\"numeric\": [\"=\", 3.018e2]}]}}", EVENT, true),
                row("numeric past 5.0e9", "{\"detail\": {\"count\": [{\"numeric\": [\"<\", 6.0e9]}]}}", EVENT, true),
                row("numeric not for strings", "{\"detail\": {\"image-tag\": [{\"numeric\": [\">\", 0]}]}}", EVENT, false),
                row("numeric on an array of objects", "{\"detail\": {\"layers\": {\"size\": [{\"numeric\": [\">\", 50]}]}}}", EVENT, true),
                row("$or: one branch", "{\"source\": [\"aws.ecr\"], \"$or\": [{\"detail\": {\"result\": [\"FAILURE\"]}}, {\"detail-type\": [\"ECR Image Action\"]}]}", EVENT, true),
                row("$or: no branch", "{\"$or\": [{\"detail\": {\"result\": [\"FAILURE\"]}}, {\"source\": [\"aws.ecs\"]}]}", EVENT, false),
                row("$or nested in detail", "{\"detail\": {\"$or\": [{\"result\": [\"FAILURE\"]}, {\"count\": [{\"numeric\": [\">\", 1]}]}]}}", EVENT, true),
                row("$or with the rest of the pattern failing", "{\"source\": [\"aws.ecs\"], \"$or\": [{\"detail-type\": [\"ECR Image Action\"]}, {\"region\": [\"us-east-1\"]}]}", EVENT, false));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("[\"aws.ecr\"]", "must be a JSON object"),
                Arguments.of("{}", "at least one field"),
                Arguments.of("{\"source\": \"aws.ecr\"}", "source: a pattern field takes a list"),
                Arguments.of("{\"source\": []}", "source: an empty list matches nothing"),
                Arguments.of("{\"source\": [[\"aws.ecr\"]]}", "holds values or matcher objects"),
                Arguments.of("{\"detail\": {\"x\": [{\"prefix\": \"a\", \"suffix\": \"b\"}]}}", "exactly one operator"),
                Arguments.of("{\"detail\": {\"x\": [{\"startswith\": \"a\"}]}}", "unknown matcher 'startswith'"),
                Arguments.of("{\"x\": [{\"prefix\": 5}]}", "x (prefix): takes a string"),
                Arguments.of("{\"x\": [{\"exists\": \"yes\"}]}", "exists takes true or false"),
                Arguments.of("{\"x\": [{\"numeric\": [\">\", \"5\"]}]}", "numeric bounds must be JSON numbers"),
                Arguments.of("{\"x\": [{\"numeric\": [\"!=\", 5]}]}", "unknown numeric operator"),
                Arguments.of("{\"x\": [{\"numeric\": [\">\", 5, \"<\", 1]}]}", "lower bound must be below"),
                Arguments.of("{\"x\": [{\"numeric\": [\"<\", 5, \">\", 1]}]}", "lower bound ('>' or '>=') then an upper"),
                Arguments.of("{\"x\": [{\"anything-but\": [\"a\", 1]}]}", "strings only or numbers only"),
                Arguments.of("{\"x\": [{\"anything-but\": true}]}", "anything-but takes a string"),
                Arguments.of("{\"x\": [{\"anything-but\": {\"numeric\": [\">\", 1]}}]}", "not 'numeric'"),
                Arguments.of("{\"x\": [{\"wildcard\": \"a**b\"}]}", "two '*' in a row"),
                Arguments.of("{\"x\": [{\"wildcard\": \"a\\\\b\"}]}", "a backslash may only escape"),
                Arguments.of("{\"$or\": [{\"source\": [\"a\"]}]}", "$or takes a list of at least two"),
                Arguments.of("not json", "must be JSON"));
    }

    private static Arguments row(String name, String pattern, String event, boolean matches) {
        return Arguments.of(name, pattern, event, matches);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void matchesAsTheTableSays(String name, String pattern, String event, boolean matches) throws Exception {
        assertThat(EventPattern.parse(pattern).matches(Json.mapper().readTree(event))).as(pattern).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eventBridgesOwnEngineAgreesWithTheTable(String name, String pattern, String event, boolean matches) throws Exception {
        assertThat(Ruler.matchesRule(event, pattern)).as(pattern).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void anInvalidPatternIsRefusedSayingWhy(String pattern, String why) {
        assertThatThrownBy(() -> EventPattern.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void eventBridgesOwnEngineRefusesThemToo(String pattern, String why) {
        assertThat(JsonRuleCompiler.check(pattern)).as("event-ruler's verdict on " + pattern).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void onlyObjectEventsCanMatch() throws Exception {
        EventPattern pattern = EventPattern.parse("{\"x\": [{\"exists\": false}]}");
        assertThat(pattern.matches(Json.mapper().readTree("{}"))).isTrue();
        for (JsonNode notAnEvent : List.of(Json.mapper().readTree("[]"), Json.mapper().readTree("\"x\""))) {
            assertThat(pattern.matches(notAnEvent)).isFalse();
        }
    }
}
