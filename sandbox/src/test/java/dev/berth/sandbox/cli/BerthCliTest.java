package dev.berth.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.aws.AwsClients;
import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;

class BerthCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path project;

    @Test
    void anUnknownCommandListsTheCommandsThereAre() {
        assertThat(run("deploy-everything")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'deploy-everything'").contains("sandbox");
    }

    @Test
    void helpDescribesEachCommand() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: ./berth <command>").contains("sandbox").contains("--port N");
    }

    @Test
    void aBadSandboxOptionIsRefusedBeforeStartingAnything() {
        assertThat(run("sandbox", "--port", "many")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port needs a number");
        assertThat(run("sandbox", "--verbose")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--verbose'");
        assertThat(run("sandbox", "--time-scale", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--time-scale needs a positive number");
    }

    @Test
    void settingAnImageBehaviourWithoutASandboxSaysSoInOneLine() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;

        assertThat(run("sandbox", "image", "shop/web:1.2.0", "unhealthy", "--endpoint", endpoint)).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly("berth sandbox image: no sandbox answers at "
                + endpoint + " (start one with ./berth sandbox, or pass --endpoint URL)");
    }

    @Test
    void aBadImageCommandIsRefusedBeforeCallingAnything() {
        assertThat(run("sandbox", "image", "shop/web:1.2.0")).isEqualTo(2);
        assertThat(run("sandbox", "image", "shop/web:1.2.0", "slow", "--start-delay", "soon")).isEqualTo(2);
        assertThat(run("sandbox", "images", "--all")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("give an image and a behaviour")
                .contains("--start-delay needs a number").contains("unknown option '--all'");
    }

    @Test
    void theSandboxCommandServesUntilSigtermThenStopsEverything() throws Exception {
        // A copy of the project's template and state machine, so the command's .berth/ files land in a temp dir.
        Files.copy(TestPaths.projectRoot().resolve("template.yaml"), project.resolve("template.yaml"));
        Files.createDirectories(project.resolve("statemachine"));
        Files.copy(TestPaths.projectRoot().resolve("statemachine/deployment.asl.json"), project.resolve("statemachine/deployment.asl.json"));
        String java = ProcessHandle.current().info().command().orElseThrow();
        // Output to a file, not a pipe: the JDK may close a child's pipe under a concurrent reader when it exits.
        Path output = project.resolve("cli-output.txt");
        Process cli = new ProcessBuilder(new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dberth.projectRoot=" + project, "-cp", System.getProperty("java.class.path"),
                BerthCli.class.getName(), "sandbox", "--port", "0")))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(output).contains("Ctrl-C stops") && cli.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50); // bounded polling for the banner
            }
            String banner = Files.readString(output);
            Matcher ready = Pattern.compile("Berth sandbox ready on (http://127\\.0\\.0\\.1:\\d+) in \\d+\\.\\d s").matcher(banner);
            assertThat(ready.find()).as(banner).isTrue();
            assertThat(banner).contains("DeploymentsTable", "stateMachine:DeploymentStateMachine",
                    "ecs list-clusters", "dynamodb list-tables", "sam local invoke", "host.docker.internal");
            assertThat(banner).doesNotContain("SLF4J");
            String samEnv = Files.readString(project.resolve(".berth/sam-env.json"));
            assertThat(samEnv).contains("\"AWS_ENDPOINT_URL\" : \"http://host.docker.internal:")
                    .contains("\"STATE_MACHINE_ARN\" : \"arn:aws:states:us-east-1:123456789012:stateMachine:DeploymentStateMachine\"");

            URI endpoint = URI.create(ready.group(1));
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(endpoint.resolve("/_berth/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            List<ProcessHandle> motos = cli.descendants()
                    .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains("berth-sandbox-moto")).toList();
            assertThat(motos).hasSize(1);
            assertThat(banner).contains("ECS data plane: simulated; sim time runs 20x real time", "/_berth/images/",
                    "/_berth/faults");

            // The data plane runs in it: a service created with the SDK alone reaches a steady state.
            AwsClients clients = SandboxClients.at(endpoint, "us-east-1");
            try (EcsClient ecs = clients.ecs()) {
                ecs.createCluster(b -> b.clusterName("cli"));
                String definition = ecs.registerTaskDefinition(b -> b.family("hello").containerDefinitions(c -> c
                        .name("hello").image("nginx:1.27").essential(true).memory(128))).taskDefinition().taskDefinitionArn();
                ecs.createService(b -> b.cluster("cli").serviceName("hello").taskDefinition(definition).desiredCount(2)
                        .launchType(LaunchType.FARGATE));
                Instant steadyBy = Instant.now().plus(Duration.ofSeconds(30));
                Service hello;
                do {
                    Thread.sleep(100); // bounded polling: at 20x a task runs 0.35 s after launch
                    hello = ecs.describeServices(b -> b.cluster("cli").services("hello")).services().getFirst();
                } while (hello.deployments().getFirst().rolloutState() != DeploymentRolloutState.COMPLETED
                        && Instant.now().isBefore(steadyBy));
                assertThat(hello.runningCount()).as(hello.toString()).isEqualTo(2);
                assertThat(hello.deployments()).singleElement()
                        .satisfies(deployment -> assertThat(deployment.rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED));
                assertThat(ecs.listTasks(b -> b.cluster("cli").serviceName("hello")).taskArns()).hasSize(2);
            }

            // ./berth sandbox image talks to it.
            assertThat(run("sandbox", "image", "shop/web:1.2.0", "slow", "--start-delay", "90", "--endpoint",
                    endpoint.toString())).isZero();
            assertThat(run("sandbox", "images", "--endpoint", endpoint.toString())).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("shop/web:1.2.0 (tag): slow, 90 s start delay");
            assertThat(run("sandbox", "image", "shop/web:1.2.0", "sick", "--endpoint", endpoint.toString())).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("berth sandbox image: unknown behaviour \"sick\"");

            cli.destroy(); // SIGTERM, as from `kill` or a service manager; Ctrl-C takes the same path

            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readAllLines(output)).contains("Stopping the sandbox...");
            assertThat(motos.getFirst().onExit().get(15, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            cli.destroyForcibly();
        }
    }

    private int run(String... args) {
        return BerthCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
