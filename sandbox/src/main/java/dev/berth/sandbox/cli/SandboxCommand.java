package dev.berth.sandbox.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.DeployedStack;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.Sandbox;
import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.SandboxOptions;
import dev.berth.sandbox.moto.MotoNotInstalledException;
import dev.berth.sandbox.template.SamFunction;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./berth sandbox [--port N] [--time-scale N]}: starts Berth's local sandbox exactly as the demo
 * and the tests run it ({@link LocalBerth}: moto, DynamoDB Local, the Lambda endpoint and the simulated
 * ECS data plane), says how to use it, and runs until Ctrl-C or SIGTERM. {@code ./berth sandbox image ...}
 * and {@code ./berth sandbox images} talk to a running one ({@link ImageCommand}), and
 * {@code ./berth sandbox push} pushes an image to it ({@link PushCommand}).
 */
final class SandboxCommand implements BerthCli.Command {

    static final int DEFAULT_PORT = 4599;
    static final String USAGE = "usage: ./berth sandbox [--port N] [--time-scale N]  |  ./berth sandbox image <image> <behaviour> "
            + "[--start-delay S] [--failure-ratio R] [--apply-to-running] [--endpoint URL]  |  ./berth sandbox images"
            + "  |  " + PushCommand.USAGE;

    /** Variables Lambda (and {@code sam local}) set themselves; an env-vars file cannot and need not carry them. */
    private static final Set<String> RUNTIME_VARIABLES = Set.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_EXECUTION_ENV", "_HANDLER");

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        if (!arguments.isEmpty() && arguments.getFirst().equals("image")) {
            return new ImageCommand(out, err).set(arguments.subList(1, arguments.size()));
        }
        if (!arguments.isEmpty() && arguments.getFirst().equals("push")) {
            return new PushCommand(out, err).run(arguments.subList(1, arguments.size()));
        }
        if (!arguments.isEmpty() && arguments.getFirst().equals("images")) {
            return new ImageCommand(out, err).list(arguments.subList(1, arguments.size()));
        }
        int port = DEFAULT_PORT;
        LocalBerth.Pace pace = LocalBerth.Pace.demo();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            if (!name.equals("--port") && !name.equals("--time-scale")) {
                err.println("berth sandbox: unknown option '" + argument + "': " + USAGE);
                return 2;
            }
            String value = argument.contains("=") ? argument.substring(argument.indexOf('=') + 1)
                    : i + 1 < arguments.size() ? arguments.get(++i) : "";
            try {
                if (name.equals("--port")) {
                    port = Integer.parseInt(value);
                } else {
                    double scale = Double.parseDouble(value);
                    if (!(scale > 0) || Double.isInfinite(scale)) {
                        throw new NumberFormatException();
                    }
                    pace = pace.withTimeScale(scale);
                }
            } catch (NumberFormatException e) {
                err.println("berth sandbox: " + name + " needs a " + (name.equals("--port") ? "number" : "positive number")
                        + ", got '" + value + "'");
                return 2;
            }
        }

        SandboxOptions options = SandboxOptions.forThisProject().withPort(port);
        LocalBerth berth;
        try {
            berth = LocalBerth.start(options, pace);
        } catch (MotoNotInstalledException e) {
            err.println(e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            err.println(e.getCause() instanceof BindException
                    ? "berth sandbox: port " + port + " is in use (another sandbox?): pass --port N"
                    : "berth sandbox: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("berth sandbox: cannot start: " + e.getMessage());
            return 1;
        }

        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("berth-sandbox-stop").unstarted(() -> {
            out.println("\nStopping the sandbox...");
            try {
                berth.close();
            } finally {
                stopped.countDown();
            }
        }));
        describe(berth.sandbox(), pace, out);
        try {
            stopped.await(); // Ctrl-C and SIGTERM run the hook; the JVM exits once it is done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void describe(Sandbox sandbox, LocalBerth.Pace pace, PrintStream out) {
        String endpoint = sandbox.endpoint().toString();
        Path root = sandbox.options().projectRoot();
        DeployedStack stack = sandbox.stack();
        Path samEnv = writeSamEnvironment(sandbox, root.resolve(".berth/sam-env.json"), "host.docker.internal");
        Path samEnvHostNetwork = writeSamEnvironment(sandbox, root.resolve(".berth/sam-env-host-network.json"), "127.0.0.1");
        out.printf(Locale.ROOT, "Berth sandbox ready on %s in %.1f s (region %s, account %s)%n",
                endpoint, sandbox.startupTime().toMillis() / 1000.0, sandbox.region(), sandbox.accountId());
        out.println("  tables:        " + String.join(", ", stack.tableNames().values()));
        out.println("  state machine: " + String.join(", ", stack.stateMachineArns().values()));
        out.println("  functions:     " + String.join(", ", stack.functionNames().values()));
        out.printf(Locale.ROOT, "  ECS data plane: simulated; sim time runs %sx real time (a rolling deployment takes seconds)%n",
                new BigDecimal(Double.toString(pace.timeScale())).stripTrailingZeros().toPlainString());
        out.println();
        out.println("AWS CLI / SDKs (any credentials whose key id is letters and digits work; these are the sandbox's):");
        out.printf("  export AWS_ENDPOINT_URL=%s AWS_REGION=%s AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s%n",
                endpoint, sandbox.region(), SandboxClients.ACCESS_KEY_ID, SandboxClients.SECRET_ACCESS_KEY);
        out.println("  aws --endpoint-url " + endpoint + " ecs list-clusters");
        out.println("  aws --endpoint-url " + endpoint + " dynamodb list-tables");
        out.println("  aws --endpoint-url " + endpoint + " stepfunctions list-state-machines");
        out.println();
        out.println("sam local invoke (the function runs in Docker, where this host is host.docker.internal; the template's");
        out.println("EndpointUrl parameter sets AWS_ENDPOINT_URL, the env-vars file the sandbox's table and state machine names):");
        out.println("  sam local invoke <Function> -e events/<event>.json --env-vars " + root.relativize(samEnv)
                + " --parameter-overrides EndpointUrl=http://host.docker.internal:" + sandbox.endpoint().getPort());
        out.println("  Linux without Docker Desktop: add --docker-network host, use --env-vars " + root.relativize(samEnvHostNetwork)
                + " and EndpointUrl=" + endpoint);
        out.println();
        out.println("How images behave (unknown ones are healthy; a behaviour set on a tag before the push applies to");
        out.println("tasks that run that image by digest): healthy, unhealthy, container-unhealthy, slow --start-delay S, crash, flaky --failure-ratio R");
        out.println("  ./berth sandbox image shop/web:1.2.0 unhealthy" + endpointOption(sandbox));
        out.println("Pushing an image (linux/amd64 unless --platform; several platforms push an index):");
        out.println("  ./berth sandbox push shop/web:1.2.0 --platform linux/amd64,linux/arm64" + endpointOption(sandbox));
        out.println("  curl -X PUT " + endpoint + "/_berth/images/shop/web:1.2.0 -d '{\"behaviour\": \"unhealthy\"}'");
        out.println("Failing AWS calls on purpose: curl -X POST " + endpoint + "/_berth/faults -d '{\"service\": \"dynamodb\", "
                + "\"action\": \"PutItem\", \"errorCode\": \"ProvisionedThroughputExceededException\", \"count\": 3}'");
        out.println();
        out.print(TryIt.commands(sandbox.endpoint()));
        out.println();
        out.println("Logs in " + sandbox.logDir() + " (moto.log, gateway.log, lambda.log). Ctrl-C stops the sandbox.");
    }

    /** What {@code ./berth sandbox image} needs to find this sandbox, when it is not on the default port. */
    private static String endpointOption(Sandbox sandbox) {
        return sandbox.endpoint().getPort() == DEFAULT_PORT ? "" : " --endpoint " + sandbox.endpoint();
    }

    /**
     * A {@code sam local invoke --env-vars} file: each function's sandbox environment, with the
     * endpoint as seen from inside sam's container ({@code host.docker.internal} under Docker
     * Desktop; {@code 127.0.0.1} with {@code --docker-network host}).
     */
    private static Path writeSamEnvironment(Sandbox sandbox, Path file, String host) {
        var mapper = Json.mapper();
        String endpoint = "http://" + host + ":" + sandbox.endpoint().getPort();
        ObjectNode root = mapper.createObjectNode();
        root.putObject("Parameters").put("AWS_ENDPOINT_URL", endpoint);
        for (SamFunction function : sandbox.stack().template().functions()) {
            ObjectNode variables = root.putObject(function.logicalId());
            sandbox.lambdaEndpoint().function(function.functionName()).ifPresent(deployed ->
                    deployed.environment().forEach((name, value) -> {
                        if (!RUNTIME_VARIABLES.contains(name)) {
                            variables.put(name, name.equals("AWS_ENDPOINT_URL") ? endpoint : value);
                        }
                    }));
        }
        try {
            Files.createDirectories(file.getParent());
            mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
