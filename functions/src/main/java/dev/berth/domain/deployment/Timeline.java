package dev.berth.domain.deployment;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a deployment's timeline bounded, so the record stays far under DynamoDB's 400 KB item limit
 * however long a rollout takes: details are cut at {@link #MAX_DETAIL} characters, and past
 * {@link #MAX_ENTRIES} entries the oldest observations after the first {@link #KEPT_AT_START} make
 * way for new ones, counted in one "Timeline trimmed" entry. The start (trigger, revisions, first
 * steps) and the latest entries always stay.
 */
public final class Timeline {

    public static final int MAX_ENTRIES = 120;
    public static final int KEPT_AT_START = 20;
    public static final int MAX_DETAIL = 600;
    static final String TRIMMED = "Timeline trimmed";

    private Timeline() {}

    /** {@code entries} with {@code entry} appended, trimmed to the bounds. */
    static List<TimelineEntry> append(List<TimelineEntry> entries, TimelineEntry entry) {
        List<TimelineEntry> longer = new ArrayList<>(entries);
        longer.add(shortened(entry));
        while (longer.size() > MAX_ENTRIES) {
            TimelineEntry first = longer.get(KEPT_AT_START);
            // One more entry joins those already omitted; on the first trim, two make way for the marker counting them.
            long count = first.step().equals(TRIMMED) ? omitted(first) + 1 : 2;
            longer.remove(KEPT_AT_START + 1);
            longer.set(KEPT_AT_START, marker(first, count));
        }
        return longer;
    }

    private static TimelineEntry marker(TimelineEntry firstOmitted, long count) {
        return new TimelineEntry(firstOmitted.at(), TRIMMED, count + " earlier entries omitted");
    }

    private static long omitted(TimelineEntry marker) {
        String count = marker.detail().substring(0, marker.detail().indexOf(' '));
        return Long.parseLong(count);
    }

    private static TimelineEntry shortened(TimelineEntry entry) {
        String detail = entry.detail();
        if (detail.length() <= MAX_DETAIL) {
            return entry;
        }
        // Never cut between the two halves of a character outside the BMP (an emoji): JSON would carry half of it.
        int end = Character.isHighSurrogate(detail.charAt(MAX_DETAIL - 2)) ? MAX_DETAIL - 2 : MAX_DETAIL - 1;
        return new TimelineEntry(entry.at(), entry.step(), detail.substring(0, end) + "…");
    }
}
