package dev.berth.sandbox;

import dev.berth.sandbox.dynamodb.DynamoDbLocal;
import dev.berth.sandbox.dynamodb.TableCreator;
import dev.berth.sandbox.ecr.EcrEventsInterceptor;
import dev.berth.sandbox.ecr.EcrLayersInterceptor;
import dev.berth.sandbox.ecr.LayerStore;
import dev.berth.sandbox.eventbridge.EventRule;
import dev.berth.sandbox.eventbridge.SandboxEventBridge;
import dev.berth.sandbox.faults.FaultInjector;
import dev.berth.sandbox.gateway.Gateway;
import dev.berth.sandbox.gateway.HttpForwarder;
import dev.berth.sandbox.gateway.Interceptor;
import dev.berth.sandbox.lambda.FunctionEnvironment;
import dev.berth.sandbox.lambda.FunctionCode;
import dev.berth.sandbox.lambda.LambdaEndpoint;
import dev.berth.sandbox.logging.LogFile;
import dev.berth.sandbox.moto.ExecutionNames;
import dev.berth.sandbox.moto.MotoServer;
import dev.berth.sandbox.sqs.SqsQueues;
import dev.berth.sandbox.template.EventBridgeRuleEvent;
import dev.berth.sandbox.template.AwsLocation;
import dev.berth.sandbox.template.SamFunction;
import dev.berth.sandbox.template.SamTemplate;
import dev.berth.sandbox.template.StateMachineDefinition;
import dev.berth.sandbox.template.TableDefinition;
import dev.berth.sandbox.throttling.RateLimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Local AWS for Berth behind one endpoint: moto (ECS, ELBv2, ECR, SQS, Step Functions that execute,
 * EventBridge, IAM), DynamoDB Local, an in-process Lambda endpoint running Berth's real handlers, and an
 * EventBridge that invokes them (ECR's image actions and every PutEvents matched against the template's
 * rules), with the template's tables, queues, functions, rules and state machines deployed. Start it, point SDKs at
 * {@link #endpoint()}, close it.
 */
public final class Sandbox implements AutoCloseable {

    private static final AwsLocation LOCATION = AwsLocation.SANDBOX;
    /** Step Functions needs a role ARN; nothing checks it in the sandbox. */
    static final String STATE_MACHINE_ROLE = "arn:aws:iam::" + LOCATION.accountId() + ":role/berth-sandbox";
    /** The longest any single call may take through the gateway before it answers 504 instead of hanging. */
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofMinutes(2);
    /**
     * Lambda waits about a minute before retrying an asynchronous invocation that failed, two before the
     * second retry; EventBridge backs off similarly when Lambda does not take an event. The sandbox keeps
     * the doubling and shortens the wait, so a failing function's retries take a second, not minutes.
     */
    private static final Duration ASYNC_RETRY_DELAY = Duration.ofMillis(200);

    private final SandboxOptions options;
    private final Gateway gateway;
    private final MotoServer moto;
    private final DynamoDbLocal dynamoDb;
    private final LambdaEndpoint lambda;
    private final SandboxEventBridge eventBridge;
    private final List<HttpForwarder> forwarders;
    private final DynamoDbClient setupDynamoDb;
    private final SfnClient setupStepFunctions;
    private final SqsClient motoSqs;
    private final SqsQueues queues;
    private final List<LogFile> logs;
    private final List<DeployedStack> stacks = new CopyOnWriteArrayList<>();
    private final FaultInjector faults = new FaultInjector();
    private final RateLimiter rateLimiter = new RateLimiter();
    private final LayerStore layers = new LayerStore();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Duration startupTime = Duration.ZERO;

    private Sandbox(SandboxOptions options, Gateway gateway, MotoServer moto, DynamoDbLocal dynamoDb, LambdaEndpoint lambda,
                    SandboxEventBridge eventBridge, SqsClient motoSqs, List<HttpForwarder> forwarders, List<LogFile> logs) {
        this.options = options;
        this.gateway = gateway;
        this.moto = moto;
        this.dynamoDb = dynamoDb;
        this.lambda = lambda;
        this.eventBridge = eventBridge;
        this.motoSqs = motoSqs;
        this.queues = new SqsQueues(motoSqs);
        this.forwarders = forwarders;
        this.logs = logs;
        // Setup talks to the emulators directly, so the gateway's call counts are the application's calls only.
        this.setupDynamoDb = SandboxClients.at(dynamoDb.endpoint(), LOCATION.region()).dynamoDb();
        this.setupStepFunctions = SandboxClients.at(moto.endpoint(), LOCATION.region()).sfn();
    }

    /**
     * Starts everything and deploys the template: tables, functions, state machines. On failure,
     * whatever had started is stopped again before the exception propagates.
     */
    public static Sandbox start(SandboxOptions options) {
        long started = System.nanoTime();
        // Read the template first: a template error should not cost an emulator start.
        SamTemplate template = SamTemplate.load(options.template(), LOCATION, options.parameters());
        Deque<AutoCloseable> startedSoFar = new ArrayDeque<>();
        try {
            Path logDir = options.logDir().toAbsolutePath();
            LogFile gatewayLog = LogFile.open(logDir.resolve("gateway.log"));
            startedSoFar.push(gatewayLog);
            LogFile lambdaLog = LogFile.open(logDir.resolve("lambda.log"));
            startedSoFar.push(lambdaLog);
            LogFile eventBridgeLog = LogFile.open(logDir.resolve("eventbridge.log"));
            startedSoFar.push(eventBridgeLog);

            // The gateway binds first: moto must be told its port, to send Step Functions' Lambda calls to it.
            Gateway gateway = Gateway.start(options.port(), Optional.of(gatewayLog));
            startedSoFar.push(gateway);
            var motoStarting = CompletableFuture.supplyAsync(
                    () -> MotoServer.start(gateway.port(), logDir.resolve("moto.log"), options.startTimeout()),
                    task -> Thread.ofVirtual().name("moto-start").start(task));
            DynamoDbLocal dynamoDb;
            try {
                dynamoDb = DynamoDbLocal.start(); // in parallel with moto's python start-up
            } catch (RuntimeException e) {
                motoStarting.thenAccept(MotoServer::close);
                throw e;
            }
            startedSoFar.push(dynamoDb);
            MotoServer moto = join(motoStarting);
            startedSoFar.push(moto);
            moto.enableStepFunctionsExecution();

            // Lambda's destinations and EventBridge's dead letters are AWS's own calls: straight to moto.
            SqsClient motoSqs = SandboxClients.client(SqsClient.builder(), moto.endpoint(), LOCATION.region());
            startedSoFar.push(motoSqs);
            var queues = new SqsQueues(motoSqs);
            var lambda = new LambdaEndpoint(LOCATION, lambdaLog, FunctionCode.loader(Sandbox.class.getClassLoader()),
                    (queueArn, record) -> queues.send(queueArn, record, Map.of()), ASYNC_RETRY_DELAY);
            startedSoFar.push(lambda);
            var toDynamoDb = new HttpForwarder("DynamoDB Local", dynamoDb.endpoint(), UPSTREAM_TIMEOUT);
            var toMoto = new HttpForwarder("moto", moto.endpoint(), UPSTREAM_TIMEOUT);
            startedSoFar.push(toDynamoDb);
            startedSoFar.push(toMoto);
            var eventBridge = new SandboxEventBridge(LOCATION, toMoto, lambda, queues::send, ASYNC_RETRY_DELAY, eventBridgeLog);
            startedSoFar.push(eventBridge);

            var sandbox = new Sandbox(options, gateway, moto, dynamoDb, lambda, eventBridge, motoSqs, List.of(toDynamoDb, toMoto),
                    List.of(gatewayLog, lambdaLog, eventBridgeLog));
            startedSoFar.clear(); // from here on, the sandbox's close() owns them
            try {
                sandbox.deploy(template);
                var interceptors = new ArrayList<Interceptor>();
                // First: AWS throttles a call before it does anything else with it (off unless switched on).
                interceptors.add(sandbox.rateLimiter);
                interceptors.add(sandbox.faults); // a fault can fail any call, even a Lambda invoke
                interceptors.add(new SandboxControl(sandbox));
                interceptors.add(lambda);
                interceptors.add(new ExecutionNames());
                interceptors.add(eventBridge);
                interceptors.add(new EcrEventsInterceptor(eventBridge, eventBridgeLog));
                interceptors.addAll(options.interceptors());
                // Last: the ECS data plane's own ECR calls (resolving images, reading their configs) pass it too.
                interceptors.add(new EcrLayersInterceptor(sandbox.layers));
                gateway.route(new Gateway.Routes(interceptors, toDynamoDb, toMoto));
            } catch (RuntimeException e) {
                sandbox.close();
                throw e;
            }
            sandbox.startupTime = Duration.ofNanos(System.nanoTime() - started);
            return sandbox;
        } catch (IOException e) {
            closeAll(startedSoFar);
            throw new UncheckedIOException("the sandbox cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            closeAll(startedSoFar);
            throw e;
        }
    }

    /**
     * Deploys another template into the running sandbox (its tables, functions and state machines),
     * like a second stack; names must not clash with what is already there.
     */
    public DeployedStack deploy(Path templateFile) {
        return deploy(SamTemplate.load(templateFile, LOCATION, options.parameters()));
    }

    private DeployedStack deploy(SamTemplate template) {
        var tables = new LinkedHashMap<String, String>();
        var creator = new TableCreator(setupDynamoDb);
        for (TableDefinition table : template.tables()) {
            creator.create(table);
            tables.put(table.logicalId(), table.tableName());
        }
        template.queues().forEach(queues::create);
        var functions = new LinkedHashMap<String, String>();
        for (SamFunction function : template.functions()) {
            lambda.register(FunctionEnvironment.function(function, LOCATION, endpoint()));
            functions.put(function.logicalId(), function.functionName());
        }
        for (SamFunction function : template.functions()) {
            for (EventBridgeRuleEvent rule : function.eventBridgeRules()) {
                eventBridge.addRule(EventRule.of(rule, function.functionName(), LOCATION));
            }
        }
        var stack = new DeployedStack(template, tables, createStateMachines(template), functions);
        stacks.add(stack);
        return stack;
    }

    private LinkedHashMap<String, String> createStateMachines(SamTemplate template) {
        var arns = new LinkedHashMap<String, String>();
        for (StateMachineDefinition machine : template.stateMachines()) {
            String arn = setupStepFunctions.createStateMachine(b -> b
                    .name(machine.name())
                    .definition(machine.definition())
                    .roleArn(STATE_MACHINE_ROLE)
                    .type(StateMachineType.fromValue(machine.type()))).stateMachineArn();
            arns.put(machine.logicalId(), arn);
        }
        return arns;
    }

    /**
     * Back to just-deployed: moto forgets everything and gets the state machines again, every table
     * is emptied, invocation and call counters restart, injected faults, rate limits and pushed blobs are
     * gone. Functions keep their handler instances, as warm Lambda environments would.
     */
    public synchronized void reset() {
        moto.reset();
        moto.enableStepFunctionsExecution();
        var creator = new TableCreator(setupDynamoDb);
        var redeployed = new ArrayList<DeployedStack>();
        for (DeployedStack stack : stacks) {
            stack.template().tables().forEach(creator::recreate);
            stack.template().queues().forEach(queues::create);
            redeployed.add(new DeployedStack(stack.template(), stack.tableNames(), createStateMachines(stack.template()),
                    stack.functionNames()));
        }
        stacks.clear();
        stacks.addAll(redeployed);
        lambda.resetInvocationCounts();
        gateway.resetCallCounts();
        eventBridge.reset();
        faults.clear();
        rateLimiter.off();
        layers.clear();
    }

    /** The front endpoint: point every AWS SDK, the AWS CLI and {@code AWS_ENDPOINT_URL} here. */
    public URI endpoint() {
        return gateway.endpoint();
    }

    public String region() {
        return LOCATION.region();
    }

    public String accountId() {
        return LOCATION.accountId();
    }

    /** The project template's deployment. */
    public DeployedStack stack() {
        return stacks.getFirst();
    }

    /** Every deployed template: the project's first, then those given to {@link #deploy}. */
    public List<DeployedStack> stacks() {
        return List.copyOf(stacks);
    }

    public String stateMachineArn(String logicalId) {
        return stack().stateMachineArn(logicalId);
    }

    public String tableName(String logicalId) {
        return stack().tableName(logicalId);
    }

    public String functionName(String logicalId) {
        return stack().functionName(logicalId);
    }

    public LambdaEndpoint lambdaEndpoint() {
        return lambda;
    }

    /** The sandbox's EventBridge: the template's rules, and {@code putEvents} for what the sandbox itself emits. */
    public SandboxEventBridge eventBridge() {
        return eventBridge;
    }

    /**
     * Failure injection at the front endpoint: e.g. {@code faults().add(FaultRule.failing("dynamodb",
     * "PutItem").fromFunction("ObserveStepFunction").withError("InternalServerError").times(3))}.
     */
    public FaultInjector faults() {
        return faults;
    }

    /**
     * AWS's per-API rate limits at the front endpoint, off until switched on: e.g.
     * {@code rateLimiter().enforcePublished()} for ECS's and ELB's published token buckets.
     */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The blobs (layers, image configs) pushed to the sandbox's ECR, which moto does not keep. */
    public LayerStore layers() {
        return layers;
    }

    /** The front endpoint's server, for its per-call counters. */
    public Gateway gateway() {
        return gateway;
    }

    /** An AWS SDK v2 client for the sandbox, e.g. {@code sandbox.client(EcsClient.builder())}. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return SandboxClients.client(builder, endpoint(), region());
    }

    /** The moto server process (it exits with this JVM whatever happens). */
    public ProcessHandle motoProcess() {
        return moto.process();
    }

    public URI motoEndpoint() {
        return moto.endpoint();
    }

    public Path logDir() {
        return options.logDir().toAbsolutePath();
    }

    public SandboxOptions options() {
        return options;
    }

    /** How long {@link #start} took, from reading the template to the last state machine created. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Stops everything, each step bounded: the front door first (no call lands on a half-stopped
     * emulator), then the functions, the extra interceptors, moto, DynamoDB Local. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Deque<AutoCloseable> order = new ArrayDeque<>();
        order.add(gateway);
        order.add(eventBridge);
        order.add(lambda);
        options.interceptors().stream()
                .filter(AutoCloseable.class::isInstance)
                .map(AutoCloseable.class::cast)
                .forEach(order::add);
        order.add(moto);
        order.add(dynamoDb);
        order.add(setupDynamoDb);
        order.add(setupStepFunctions);
        order.add(motoSqs);
        order.addAll(forwarders);
        order.addAll(logs);
        RuntimeException failure = null;
        for (AutoCloseable closeable : order) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("the sandbox did not stop cleanly", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static MotoServer join(CompletableFuture<MotoServer> starting) {
        try {
            return starting.get(5, TimeUnit.MINUTES); // MotoServer.start bounds itself; this only guards against a bug there
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("moto did not start", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            starting.thenAccept(MotoServer::close);
            throw new IllegalStateException("moto did not start", e);
        } catch (InterruptedException e) {
            starting.thenAccept(MotoServer::close);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while moto was starting", e);
        }
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception ignored) {
                // Best effort: the start failure is what the caller needs to see.
            }
        }
    }
}
