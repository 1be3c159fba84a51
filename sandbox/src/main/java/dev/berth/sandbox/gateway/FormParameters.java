package dev.berth.sandbox.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded parameters of {@code application/x-www-form-urlencoded} text: a URL query, or the
 * body of an AWS query-protocol call.
 */
public record FormParameters(Map<String, List<String>> parameters) {

    /** The parameters of each text in turn (e.g. a call's query, then its body). */
    public static FormParameters of(String... encoded) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String source : encoded) {
            for (String pair : source.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                parameters.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
            }
        }
        return new FormParameters(parameters);
    }

    public Optional<String> first(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** {@code prefix.member.1.field}, {@code prefix.member.2.field}, ... until one is missing. */
    public List<Map<String, String>> members(String prefix) {
        List<Map<String, String>> members = new ArrayList<>();
        for (int index = 1; ; index++) {
            String memberPrefix = prefix + ".member." + index + ".";
            Map<String, String> member = new LinkedHashMap<>();
            parameters.forEach((name, values) -> {
                if (name.startsWith(memberPrefix) && !values.isEmpty()) {
                    member.put(name.substring(memberPrefix.length()), values.getFirst());
                }
            });
            if (member.isEmpty()) {
                return members;
            }
            members.add(member);
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
