package dev.berth.sandbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.List;

/**
 * {@code ./berth sandbox image <image> <behaviour> [--start-delay S] [--failure-ratio R]
 * [--apply-to-running] [--endpoint URL]} and {@code ./berth sandbox images [--endpoint URL]}: set and
 * list how images behave in a running sandbox, over its {@code /_berth/images} HTTP API (the sandbox
 * checks the request; this only builds it).
 */
final class ImageCommand {

    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:" + SandboxCommand.DEFAULT_PORT;

    private final PrintStream out;
    private final PrintStream err;

    ImageCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int set(List<String> arguments) {
        ObjectNode body = Json.mapper().createObjectNode();
        Arguments parsed;
        try {
            parsed = Arguments.parse(arguments, java.util.Set.of("--start-delay", "--failure-ratio", "--endpoint"),
                    java.util.Set.of("--apply-to-running"));
        } catch (Arguments.Problem e) {
            return usage(e.getMessage());
        }
        List<String> positional = parsed.positional();
        String endpoint = parsed.option("--endpoint").orElse(DEFAULT_ENDPOINT);
        if (parsed.flag("--apply-to-running")) {
            body.put("applyToRunning", true);
        }
        for (var number : java.util.Map.of("--start-delay", "startDelaySeconds", "--failure-ratio", "failureRatio").entrySet()) {
            Optional<String> value = parsed.option(number.getKey());
            try {
                if (value.isPresent()) {
                    body.put(number.getValue(), Double.parseDouble(value.get()));
                }
            } catch (NumberFormatException e) {
                return usage(number.getKey() + " needs a number, got '" + value.get() + "'");
            }
        }
        if (positional.size() != 2) {
            return usage("give an image and a behaviour, e.g. ./berth sandbox image shop/web:1.2.0 unhealthy");
        }
        body.put("behaviour", positional.get(1));
        String image = positional.get(0);
        return call("image", endpoint, HttpRequest.newBuilder(uri(endpoint, "/_berth/images/" + image))
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())), answer -> {
            out.println(describe(answer));
            if (answer.has("runningTasksChanged")) {
                out.println("  running tasks now behaving so: " + answer.get("runningTasksChanged").asInt());
            }
        });
    }

    int list(List<String> arguments) {
        String endpoint = DEFAULT_ENDPOINT;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.startsWith("--endpoint=")) {
                endpoint = argument.substring("--endpoint=".length());
            } else if (argument.equals("--endpoint") && i + 1 < arguments.size()) {
                endpoint = arguments.get(++i);
            } else {
                err.println("berth sandbox images: unknown option '" + argument + "': usage: ./berth sandbox images [--endpoint URL]");
                return 2;
            }
        }
        return call("images", endpoint, HttpRequest.newBuilder(uri(endpoint, "/_berth/images")).GET(), answer -> {
            if (answer.path("images").isEmpty()) {
                out.println("No image behaviours set: every image behaves healthy.");
            }
            answer.path("images").forEach(entry -> out.println(describe(entry)));
        });
    }

    private interface AnswerPrinter {
        void print(JsonNode answer);
    }

    private int call(String command, String endpoint, HttpRequest.Builder request, AnswerPrinter printer) {
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(3)).build();
        try (client) {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = Json.mapper().readTree(response.body());
            if (response.statusCode() != 200) {
                String message = answer == null ? response.body() : answer.path("error").path("message").asText(response.body());
                err.println("berth sandbox " + command + ": " + message);
                return 1;
            }
            printer.print(answer);
            return 0;
        } catch (ConnectException | HttpTimeoutException e) {
            err.println("berth sandbox " + command + ": no sandbox answers at " + endpoint
                    + " (start one with ./berth sandbox, or pass --endpoint URL)");
            return 1;
        } catch (IOException e) {
            err.println("berth sandbox " + command + ": " + endpoint + " did not answer as a Berth sandbox: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (IllegalArgumentException e) {
            err.println("berth sandbox " + command + ": " + e.getMessage());
            return 2;
        }
    }

    /** {@code shop/web:1.2.0 (tag): slow, 90 s start delay}. */
    private static String describe(JsonNode entry) {
        StringBuilder line = new StringBuilder(entry.path("image").asText()).append(" (")
                .append(entry.path("match").asText()).append("): ").append(entry.path("behaviour").asText());
        if (entry.has("startDelaySeconds")) {
            line.append(", ").append(entry.get("startDelaySeconds").asText()).append(" s start delay");
        }
        if (entry.has("failureRatio")) {
            line.append(", ").append(entry.get("failureRatio").asText()).append(" of health checks fail");
        }
        return line.toString();
    }

    private static URI uri(String endpoint, String path) {
        try {
            return URI.create(endpoint.replaceAll("/+$", "") + path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + endpoint + path + "' is not a URL: " + e.getMessage(), e);
        }
    }

    private int usage(String problem) {
        err.println("berth sandbox image: " + problem + ": " + SandboxCommand.USAGE);
        return 2;
    }
}
