package dev.berth.domain.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.berth.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The timeline stays bounded however long a rollout takes (a 6-hour rollout looked at every second is
 * 21 600 looks): at most {@link Timeline#MAX_ENTRIES}, the start and the newest kept, the rest counted.
 */
class TimelinePropertiesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static Deployment pending() {
        return Deployment.pending("d-0123456789abcdef0123456789abcd", "prod", "web",
                new Trigger("ecr", "13cde686-328b-6117-af20-0e5566167482", "ecr:123456789012"),
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1.4.3", Optional.of("sha256:" + "a".repeat(64)),
                "rolling", T0, "ecr push of 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1.4.3", Optional.empty())
                .start("arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
                        "arn:aws:ecs:us-east-1:123456789012:task-definition/web:8",
                        "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7", T0, "web:8 from web:7");
    }

    /** Entry {@code i} of a run: unique by its time, so the test can tell which ones were kept. */
    private static TimelineEntry entry(int i, String detail) {
        return new TimelineEntry(T0.plusSeconds(1 + i), "Rollout health", detail);
    }

    @Provide
    Arbitrary<List<String>> details() {
        // What details are made of: counts, reasons, ARNs, error messages (quotes, new lines), some non-ASCII.
        Arbitrary<String> detail = Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;/-_()[]{}\"'\n\téü")
                .ofMaxLength(4000);
        return detail.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 60)
    void staysBoundedKeepingTheStartAndTheNewest(@ForAll @IntRange(max = 10_000) int appended, @ForAll("details") List<String> details)
            throws JsonProcessingException {
        Deployment start = pending();
        int before = start.timeline().size();
        Deployment d = start;
        for (int i = 0; i < appended; i++) {
            d = d.append(entry(i, details.get(i % details.size())));
            assertThat(d.timeline()).hasSizeLessThanOrEqualTo(Timeline.MAX_ENTRIES);
        }
        List<TimelineEntry> timeline = d.timeline();
        int total = before + appended;

        assertThat(timeline).allMatch(e -> e.detail().length() <= Timeline.MAX_DETAIL);
        if (total <= Timeline.MAX_ENTRIES) {
            assertThat(timeline).hasSize(total).noneMatch(e -> e.step().equals(Timeline.TRIMMED));
            assertThat(timeline.subList(0, before)).isEqualTo(start.timeline());
        } else {
            int newest = Timeline.MAX_ENTRIES - Timeline.KEPT_AT_START - 1;
            long omitted = total - Timeline.KEPT_AT_START - newest;
            assertThat(timeline).hasSize(Timeline.MAX_ENTRIES);
            assertThat(timeline.subList(0, before)).as("the trigger and the prepared revisions").isEqualTo(start.timeline());
            for (int k = before; k < Timeline.KEPT_AT_START; k++) {
                assertThat(timeline.get(k).at()).isEqualTo(T0.plusSeconds(1 + k - before));
            }
            TimelineEntry marker = timeline.get(Timeline.KEPT_AT_START);
            assertThat(marker.step()).isEqualTo(Timeline.TRIMMED);
            assertThat(marker.detail()).isEqualTo(omitted + " earlier entries omitted");
            assertThat(marker.at()).as("when the first omitted entry happened").isEqualTo(T0.plusSeconds(1 + Timeline.KEPT_AT_START - before));
            List<TimelineEntry> latest = timeline.subList(Timeline.KEPT_AT_START + 1, Timeline.MAX_ENTRIES);
            for (int k = 0; k < newest; k++) {
                assertThat(latest.get(k).at()).isEqualTo(T0.plusSeconds(1 + appended - newest + k));
            }
            assertThat(timeline).filteredOn(e -> e.step().equals(Timeline.TRIMMED)).hasSize(1);
        }
        int bytes = Json.mapper().writeValueAsBytes(d).length;
        assertThat(bytes).as("the record as JSON, in bytes").isLessThan(150_000);
    }

    @Property(tries = 200)
    void aDetailIsCutToTheLimitKeepingItsStart(@ForAll("details") List<String> details) {
        for (String detail : details) {
            TimelineEntry kept = pending().append(entry(0, detail)).timeline().getLast();

            if (detail.length() <= Timeline.MAX_DETAIL) {
                assertThat(kept.detail()).isEqualTo(detail);
            } else {
                assertThat(kept.detail()).hasSize(Timeline.MAX_DETAIL).endsWith("…")
                        .startsWith(detail.substring(0, Timeline.MAX_DETAIL - 1));
            }
        }
    }

    /** The worst a timeline can weigh as DynamoDB counts it (UTF-8 bytes): every detail at the limit, in 3-byte characters. */
    @Test
    void evenAFullTimelineOfLongNonAsciiDetailsStaysUnderTheItemLimit() {
        Deployment d = pending();
        for (int i = 0; i < 10_000; i++) {
            d = d.append(entry(i, "健康检查失败".repeat(200)));
        }
        long utf8 = d.timeline().stream()
                .mapToLong(e -> e.detail().getBytes(StandardCharsets.UTF_8).length + e.step().length() + "at".length() + 30).sum();

        assertThat(utf8).isLessThan(300_000);
    }

    @Test
    void cuttingALongDetailNeverSplitsACharacter() {
        // 598 letters, then an emoji (two UTF-16 chars) across the cut at 599.
        String detail = "x".repeat(Timeline.MAX_DETAIL - 2) + "🚀 launched" + "y".repeat(100);

        String kept = pending().append(entry(0, detail)).timeline().getLast().detail();

        assertThat(kept.codePoints().filter(cp -> Character.getType(cp) == Character.SURROGATE).count())
                .as("a lone surrogate is no character: stored as '?' or refused, depending on the writer")
                .isZero();
        assertThat(kept).endsWith("…");
    }
}
