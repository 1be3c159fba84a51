package dev.berth.sandbox.demo;

import dev.berth.domain.deployment.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Renders deployment records as a plain-text table for a terminal. */
public final class HistoryTable {

    private static final List<String> HEADERS = List.of("DEPLOYMENT", "SERVICE", "IMAGE", "STATUS", "FROM", "TO", "TOOK", "REASON");
    private static final int MAX_REASON = 70;

    private HistoryTable() {}

    public static String render(List<Deployment> deployments) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (Deployment d : deployments) {
            rows.add(List.of(d.id(), d.serviceKey(), shortImage(d), d.status().name(),
                    d.previousTaskDefinitionArn().map(HistoryTable::revision).orElse("-"),
                    d.newTaskDefinitionArn().map(HistoryTable::revision).orElse("-"),
                    d.finishedAt().map(f -> seconds(Duration.between(d.startedAt(), f))).orElse("-"),
                    truncate(d.reason().orElse(""))));
        }
        int[] widths = new int[HEADERS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                out.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String shortImage(Deployment d) {
        String image = d.image();
        int at = image.indexOf('@');
        String withoutDigest = at < 0 ? image : image.substring(0, at);
        String name = withoutDigest.substring(withoutDigest.lastIndexOf('/') + 1);
        return d.digest().map(digest -> name + "@" + digest.substring(0, Math.min(digest.length(), 19))).orElse(name);
    }

    private static String revision(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static String seconds(Duration duration) {
        return String.format("%.1fs", duration.toMillis() / 1000.0);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
