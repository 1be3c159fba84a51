package dev.berth.sandbox.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Interceptor;
import dev.berth.sandbox.gateway.Upstream;
import dev.berth.sandbox.logging.LogFile;
import dev.berth.sandbox.template.AwsLocation;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's EventBridge. Every {@code PutEvents} (from a client through the gateway, or on behalf
 * of an AWS service: ECR's image actions, the ECS data plane's deployment events) goes to moto first,
 * so moto's own rules and targets still see it, and is then matched against the template's
 * {@code EventBridgeRule} rules; each match is delivered to the rule's function as an asynchronous
 * Lambda invocation, on its own thread, after PutEvents has answered. {@code /_berth/eventbridge}
 * shows the rules and counters ({@code GET}) and sets {@code duplicateDeliveryRatio} and {@code seed}
 * ({@code PUT}): EventBridge delivers at least once, and the sandbox can show it.
 */
public final class SandboxEventBridge implements Interceptor, AutoCloseable {

    static final String CONTROL_PATH = "/_berth/eventbridge";
    private static final Pattern SCOPE_REGION = Pattern.compile("Credential=[^/,\\s]+/[0-9]{8}/([^/]+)/");
    private static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String JSON = "application/json";
    /** PutEvents takes at most ten entries a call. */
    private static final int PUT_EVENTS_LIMIT = 10;

    /** An event an AWS service puts on the default bus. */
    public record ServiceEvent(String source, String detailType, ObjectNode detail, List<String> resources, Instant time) {}

    private final AwsLocation location;
    private final Upstream moto;
    private final TargetDelivery delivery;
    private final LogFile log;
    private final List<EventRule> rules = new CopyOnWriteArrayList<>();
    private final AtLeastOnce atLeastOnce = new AtLeastOnce();
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final LongAdder events = new LongAdder();
    private final LongAdder unmatched = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder undelivered = new LongAdder();

    /**
     * @param moto            moto itself (not the gateway): the bus's own calls are not the application's
     * @param lambda          the sandbox's Lambda endpoint, which takes the asynchronous invocations
     * @param deadLetters     where a rule's undeliverable events go (its SQS dead-letter queue)
     * @param firstRetryDelay EventBridge's first back-off when Lambda does not take an event, doubling after
     * @param log             one line per delivery, retry and drop
     */
    public SandboxEventBridge(AwsLocation location, Upstream moto, Interceptor lambda, DeadLetters deadLetters,
                              Duration firstRetryDelay, LogFile log) {
        this.location = location;
        this.moto = moto;
        this.delivery = new TargetDelivery(lambda, deadLetters, firstRetryDelay, log);
        this.log = log;
    }

    public void addRule(EventRule rule) {
        if (rules.stream().anyMatch(r -> r.eventBusName().equals(rule.eventBusName()) && r.name().equals(rule.name()))) {
            throw new IllegalStateException("a rule called " + rule.name() + " is already on bus " + rule.eventBusName());
        }
        rules.add(rule);
    }

    public List<EventRule> rules() {
        return List.copyOf(rules);
    }

    @Override
    public Optional<AwsResponse> handle(AwsRequest request, Upstream next) throws IOException {
        if (request.path().equals(CONTROL_PATH)) {
            return Optional.of(control(request));
        }
        if (request.service().equals("events") && request.action().filter("PutEvents"::equals).isPresent()) {
            return Optional.of(putEvents(request, next));
        }
        return Optional.empty();
    }

    /** A PutEvents call made by the sandbox itself (the ECS data plane's): to moto, then to the template's rules. */
    public AwsResponse putEvents(AwsRequest request) throws IOException {
        return putEvents(request, moto);
    }

    /** Puts events on the default bus as an AWS service does; returns the event ids, or throws when the bus refused them. */
    public List<String> putEvents(List<ServiceEvent> serviceEvents) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < serviceEvents.size(); from += PUT_EVENTS_LIMIT) {
            ids.addAll(putBatch(serviceEvents.subList(from, Math.min(serviceEvents.size(), from + PUT_EVENTS_LIMIT))));
        }
        return ids;
    }

    private List<String> putBatch(List<ServiceEvent> serviceEvents) throws IOException {
        ArrayNode entries = Json.mapper().createArrayNode();
        for (ServiceEvent event : serviceEvents) {
            ObjectNode entry = entries.addObject()
                    .put("Time", BigDecimal.valueOf(event.time().toEpochMilli(), 3))
                    .put("Source", event.source())
                    .put("DetailType", event.detailType())
                    .put("Detail", event.detail().toString())
                    .put("EventBusName", "default");
            ArrayNode resources = entry.putArray("Resources");
            event.resources().forEach(resources::add);
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("Entries", entries);
        AwsResponse answer = putEvents(signedLooking(body), moto);
        JsonNode result = Json.mapper().readTree(answer.body());
        if (answer.status() != 200 || result == null || result.path("FailedEntryCount").asInt(0) > 0) {
            throw new IOException("the sandbox's event bus refused " + serviceEvents.size() + " event(s): " + answer.status()
                    + " " + answer.bodyText());
        }
        List<String> ids = new ArrayList<>();
        result.path("Entries").forEach(entry -> ids.add(entry.path("EventId").asText()));
        return ids;
    }

    /** Counters, for {@code /_berth/info} and {@code /_berth/eventbridge}. */
    public ObjectNode stats() {
        ObjectNode stats = Json.mapper().createObjectNode()
                .put("events", events.sum())
                .put("unmatchedEvents", unmatched.sum())
                .put("deliveries", delivered.sum())
                .put("duplicateDeliveries", duplicates.sum())
                .put("undeliveredEvents", undelivered.sum());
        AtLeastOnce.Settings settings = atLeastOnce.settings();
        stats.put("duplicateDeliveryRatio", settings.duplicateDeliveryRatio()).put("seed", settings.seed());
        return stats;
    }

    /** Counters back to zero, deliveries exactly once again; rules stay (they are the template's). */
    public void reset() {
        for (LongAdder counter : List.of(events, unmatched, delivered, duplicates, undelivered)) {
            counter.reset();
        }
        atLeastOnce.set(AtLeastOnce.Settings.EXACTLY_ONCE);
    }

    /** Waits (bounded) for deliveries in flight. */
    @Override
    public void close() {
        deliveries.shutdown();
        try {
            if (!deliveries.awaitTermination(5, TimeUnit.SECONDS)) {
                deliveries.shutdownNow();
            }
        } catch (InterruptedException e) {
            deliveries.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private AwsResponse putEvents(AwsRequest request, Upstream next) throws IOException {
        AwsResponse answer = next.send(request);
        if (answer.status() == 200) {
            String region = region(request);
            if (region.equals(location.region())) { // the template's rules live in the sandbox's region only
                JsonNode asked = Json.mapper().readTree(request.body());
                JsonNode told = Json.mapper().readTree(answer.body());
                if (asked != null && told != null) {
                    BusEvents.accepted(asked, told, location.accountId(), region, Instant.now()).forEach(this::publish);
                }
            }
        }
        return answer;
    }

    private void publish(BusEvents.Accepted accepted) {
        events.increment();
        Instant received = Instant.now();
        List<EventRule> matching = rules.stream()
                .filter(rule -> rule.enabled() && rule.eventBusName().equals(accepted.eventBusName())
                        && rule.pattern().matches(accepted.event()))
                .toList();
        if (matching.isEmpty()) {
            unmatched.increment();
            return;
        }
        for (EventRule rule : matching) {
            boolean twice = atLeastOnce.twice(); // decided here, in the order events arrive, so a seed repeats a run
            if (twice) {
                duplicates.increment();
            }
            deliveries.submit(() -> {
                deliverOnce(rule, accepted.event(), received);
                if (twice) {
                    log.line(rule.name() + " delivers event " + accepted.event().path("id").asText() + " a second time (at least once)");
                    deliverOnce(rule, accepted.event(), received);
                }
                return null;
            });
        }
    }

    private void deliverOnce(EventRule rule, ObjectNode event, Instant received) throws InterruptedException {
        (delivery.deliver(rule, event, received) ? delivered : undelivered).increment();
    }

    /** The region a call was signed for (its credential scope); unsigned calls are the sandbox's region. */
    private String region(AwsRequest request) {
        Optional<String> authorization = request.header("authorization");
        if (authorization.isPresent()) {
            Matcher scope = SCOPE_REGION.matcher(authorization.get());
            if (scope.find()) {
                return scope.group(1);
            }
        }
        return location.region();
    }

    /** A PutEvents call moto accepts as from the sandbox's account and region (it reads both from these headers). */
    private AwsRequest signedLooking(ObjectNode body) {
        Instant now = Instant.now();
        String authorization = "AWS4-HMAC-SHA256 Credential=berthsandbox/" + SCOPE_DATE.format(now) + "/" + location.region()
                + "/events/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0";
        Map<String, List<String>> headers = Map.of(
                "content-type", List.of("application/x-amz-json-1.1"),
                "x-amz-target", List.of("AWSEvents.PutEvents"),
                "x-amz-date", List.of(AMZ_DATE.format(now)),
                "authorization", List.of(authorization),
                "x-moto-account-id", List.of(location.accountId()));
        return new AwsRequest("POST", "/", "", headers, body.toString().getBytes(StandardCharsets.UTF_8), "events",
                Optional.of("PutEvents"));
    }

    private AwsResponse control(AwsRequest request) {
        return switch (request.method()) {
            case "GET" -> AwsResponse.json(200, described().toString(), JSON);
            case "PUT" -> {
                try {
                    atLeastOnce.set(settings(request.body()));
                    yield AwsResponse.json(200, described().toString(), JSON);
                } catch (IllegalArgumentException e) {
                    yield AwsResponse.json(400, Json.mapper().createObjectNode().put("__type", "InvalidEventBridgeSettings")
                            .put("message", e.getMessage()).toString(), JSON);
                }
            }
            default -> AwsResponse.json(405, Json.mapper().createObjectNode().put("__type", "MethodNotAllowed")
                    .put("message", CONTROL_PATH + " takes GET or PUT").toString(), JSON);
        };
    }

    private ObjectNode described() {
        ObjectNode root = stats();
        ArrayNode list = root.putArray("rules");
        for (EventRule rule : rules) {
            list.addObject().put("name", rule.name()).put("arn", rule.arn()).put("eventBus", rule.eventBusName())
                    .put("enabled", rule.enabled()).put("pattern", rule.pattern().toString()).put("target", rule.functionArn());
        }
        return root;
    }

    /** {@code {"duplicateDeliveryRatio": 0..1, "seed": integer}}, either field optional. */
    private AtLeastOnce.Settings settings(byte[] body) {
        JsonNode asked;
        try {
            asked = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body must be a JSON object like {\"duplicateDeliveryRatio\": 0.3}");
        }
        if (asked == null || !asked.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object like {\"duplicateDeliveryRatio\": 0.3}");
        }
        asked.fieldNames().forEachRemaining(name -> {
            if (!name.equals("duplicateDeliveryRatio") && !name.equals("seed")) {
                throw new IllegalArgumentException("unknown setting '" + name + "' (known: duplicateDeliveryRatio, seed)");
            }
        });
        AtLeastOnce.Settings current = atLeastOnce.settings();
        JsonNode ratio = asked.path("duplicateDeliveryRatio");
        JsonNode seed = asked.path("seed");
        if (!ratio.isMissingNode() && !ratio.isNumber()) {
            throw new IllegalArgumentException("duplicateDeliveryRatio must be a number between 0 and 1, got " + ratio);
        }
        if (!seed.isMissingNode() && !seed.isIntegralNumber()) {
            throw new IllegalArgumentException("seed must be a whole number, got " + seed);
        }
        return new AtLeastOnce.Settings(ratio.isMissingNode() ? current.duplicateDeliveryRatio() : ratio.asDouble(),
                seed.isMissingNode() ? current.seed() : seed.asLong());
    }
}
