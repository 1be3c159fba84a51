package dev.berth.sandbox;

import dev.berth.adapters.DynamoDbDeploymentHistory;
import dev.berth.adapters.DynamoDbTargetCatalog;
import dev.berth.aws.AwsClients;
import dev.berth.handlers.TargetDocument;
import dev.berth.json.Json;
import dev.berth.ports.DeploymentHistory;
import dev.berth.ports.TargetCatalog;
import dev.berth.sandbox.demo.DeploymentWatcher;
import dev.berth.sandbox.demo.EcsWorld;
import dev.berth.sandbox.demo.ImagePusher;
import dev.berth.sandbox.ecs.DataPlaneTimings;
import dev.berth.sandbox.ecs.EcsDataPlane;
import dev.berth.sandbox.ecs.EcsDataPlaneInterceptor;
import dev.berth.sandbox.ecs.ImageBehaviours;
import dev.berth.sandbox.ecs.PutEventsSink;
import dev.berth.sandbox.ecs.ScaledClock;
import dev.berth.sandbox.ecs.Scenario;
import dev.berth.sandbox.eventbridge.SandboxEventBridge;
import dev.berth.sandbox.ecs.control.ImageBehaviourEndpoint;
import dev.berth.sandbox.traffic.ListenerTraffic;
import dev.berth.sandbox.traffic.TrafficEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Berth running on its local sandbox: the emulators and real handlers ({@link Sandbox}) plus the
 * simulated ECS data plane, and the clients and helpers the demo, the benchmarks and the end-to-end
 * tests drive it with.
 */
public final class LocalBerth implements AutoCloseable {

    /** How fast sandbox time runs for the data plane, and how often it publishes what happened. */
    public record Pace(double timeScale, DataPlaneTimings timings, Duration tickerPeriod) {
        /** Realistic ECS timings (tasks start in seconds, two health checks) at 20x: a rollout takes about a second. */
        public static Pace demo() {
            return new Pace(20, DataPlaneTimings.defaults(), Duration.ofMillis(50));
        }

        /** The same pace with sim time running {@code scale} times faster than real time. */
        public Pace withTimeScale(double scale) {
            return new Pace(scale, timings, tickerPeriod);
        }
    }

    private final Sandbox sandbox;
    private final EcsDataPlane dataPlane;
    private final Scenario scenario;
    private final ImageBehaviours images;
    private final AwsClients clients;
    private final ElasticLoadBalancingV2Client motoElb;

    private LocalBerth(Sandbox sandbox, EcsDataPlane dataPlane, Scenario scenario, ImageBehaviours images,
                       ElasticLoadBalancingV2Client motoElb) {
        this.sandbox = sandbox;
        this.dataPlane = dataPlane;
        this.scenario = scenario;
        this.images = images;
        this.clients = SandboxClients.at(sandbox.endpoint(), sandbox.region());
        this.motoElb = motoElb;
    }

    public static LocalBerth start(SandboxOptions options, Pace pace) {
        Scenario scenario = new Scenario();
        // The data plane publishes ECS events on the sandbox's EventBridge (moto, then the template's
        // rules), which exists only once the sandbox is up (filled in then), and not through the
        // gateway, whose call counts are Berth's own calls.
        AtomicReference<SandboxEventBridge> events = new AtomicReference<>();
        EcsDataPlane dataPlane = new EcsDataPlane(new ScaledClock(pace.timeScale()), scenario, pace.timings(),
                new PutEventsSink(request -> {
                    SandboxEventBridge bus = events.get();
                    if (bus == null) {
                        throw new IOException("the sandbox is not up yet");
                    }
                    return bus.putEvents(request);
                }, "us-east-1", "123456789012"));
        ImageBehaviours images = new ImageBehaviours(scenario, dataPlane);
        // /_berth/traffic reads listeners from moto itself, as the data plane publishes events: watching
        // weights adds nothing to the gateway's call counts (Berth's own calls) and no injected fault fails it.
        AtomicReference<ListenerTraffic> traffic = new AtomicReference<>();
        Sandbox sandbox;
        ElasticLoadBalancingV2Client motoElb;
        try {
            sandbox = Sandbox.start(options.withInterceptors(List.of(new ImageBehaviourEndpoint(images),
                    new TrafficEndpoint(() -> Optional.ofNullable(traffic.get())),
                    new EcsDataPlaneInterceptor(dataPlane))));
        } catch (RuntimeException e) {
            dataPlane.close();
            throw e;
        }
        try {
            motoElb = SandboxClients.client(ElasticLoadBalancingV2Client.builder(), sandbox.motoEndpoint(), sandbox.region());
        } catch (RuntimeException e) {
            dataPlane.close();
            sandbox.close();
            throw e;
        }
        traffic.set(new ListenerTraffic(motoElb));
        events.set(sandbox.eventBridge());
        dataPlane.startTicker(pace.tickerPeriod());
        return new LocalBerth(sandbox, dataPlane, scenario, images, motoElb);
    }

    public Sandbox sandbox() { return sandbox; }

    public EcsDataPlane dataPlane() { return dataPlane; }

    /** Which images are healthy, unhealthy, slow or crash: set before pushing them. */
    public Scenario scenario() { return scenario; }

    /**
     * Image behaviours by the names users give images ({@code shop/web:1.2.0}), for new tasks and, with
     * {@link ImageBehaviours#setIncludingRunning}, running ones: what {@code /_berth/images} does.
     */
    public ImageBehaviours images() { return images; }

    /** SDK clients pointed at the sandbox, built the way Berth's functions build theirs. */
    public AwsClients clients() { return clients; }

    public DeploymentHistory history() {
        return new DynamoDbDeploymentHistory(clients.dynamoDb(), sandbox.tableName("DeploymentsTable"));
    }

    public TargetCatalog targets() {
        return new DynamoDbTargetCatalog(clients.dynamoDb(), sandbox.tableName("TargetsTable"));
    }

    public EcsWorld world() { return new EcsWorld(clients); }

    /**
     * Where ALB listeners and rules send traffic: weights, shares and which target group a request would hit,
     * read through {@link #clients()} (what {@code /_berth/traffic} answers).
     */
    public ListenerTraffic traffic() { return new ListenerTraffic(clients.elb()); }

    public ImagePusher pusher() { return new ImagePusher(clients, sandbox.accountId(), sandbox.region()); }

    public DeploymentWatcher watcher() { return new DeploymentWatcher(history()); }

    /** Registers the targets of a JSON file (a list of target documents, as in the README). */
    public int seedTargets(InputStream json) {
        try {
            TargetDocument[] documents = Json.mapper().readValue(json, TargetDocument[].class);
            TargetCatalog catalog = targets();
            for (TargetDocument document : documents) {
                catalog.put(document.toTarget());
            }
            return documents.length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read targets: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dataPlane.close();
        sandbox.close();
        motoElb.close();
    }
}
