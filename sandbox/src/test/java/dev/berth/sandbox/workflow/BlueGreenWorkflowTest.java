package dev.berth.sandbox.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.domain.deployment.Deployment;
import dev.berth.domain.deployment.DeploymentStatus;
import dev.berth.domain.deployment.TimelineEntry;
import dev.berth.json.Json;
import dev.berth.sandbox.LocalBerth;
import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.SharedLocalBerth;
import dev.berth.sandbox.demo.BlueGreenPair;
import dev.berth.sandbox.demo.ImagePusher.PushedImage;
import dev.berth.sandbox.ecs.ImageBehaviour;
import dev.berth.workflow.BlueGreenSettings;
import dev.berth.workflow.GateAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Blue/green end to end in the sandbox: an ECR push, the real state machine in moto's Step Functions (its
 * {@code .waitForTaskToken} gate included), the real handlers, ELB's weighted forward and CloudWatch alarms in
 * moto, and the simulated data plane running both colors' tasks. Every deployment ends with the pair whole: one
 * color at 100% with its tasks, the other at 0% with none.
 */
class BlueGreenWorkflowTest {

    private static final Duration WITHIN = Duration.ofSeconds(150);

    private static LocalBerth berth;

    @BeforeAll
    static void startSandbox() {
        berth = SharedLocalBerth.get();
    }

    private record Setup(BlueGreenPair pair, String repository, String alarm) {
        String cluster() {
            return pair.cluster();
        }
    }

    /** A pair following its repository blue/green with {@code traffic}; one alarm, OK. */
    private static Setup pair(BlueGreenSettings.TrafficDocument traffic, boolean manualGate, long gateTimeoutSeconds) {
        return pair(traffic, manualGate, gateTimeoutSeconds, 1L);
    }

    /** As above, with the final bake given. */
    private static Setup pair(BlueGreenSettings.TrafficDocument traffic, boolean manualGate, long gateTimeoutSeconds,
                              long finalBakeSeconds) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String repository = "bg/web-" + suffix;
        String repositoryUri = berth.pusher().repositoryUri(repository);
        berth.pusher().createRepository(repository);
        BlueGreenPair pair = berth.world().createBlueGreen("bg-" + suffix, "shop", repositoryUri, "1.0.0", 2, WITHIN);
        String alarm = "shop-5xx-" + suffix;
        berth.world().createAlarm(alarm);
        berth.targets().put(pair.target(repositoryUri, pair.settings(traffic, List.of(alarm), manualGate, gateTimeoutSeconds,
                finalBakeSeconds, 1L)));
        return new Setup(pair, repository, alarm);
    }

    private static BlueGreenSettings.TrafficDocument canary(int weight, long bakeSeconds) {
        return new BlueGreenSettings.TrafficDocument("canary", weight, bakeSeconds, null, null, null);
    }

    private static void setAlarm(String alarm, StateValue state) {
        berth.world().setAlarm(alarm, state);
    }

    private static PushedImage push(Setup setup, String tag, ImageBehaviour behaviour) {
        return berth.pusher().push(setup.repository(), tag, digest -> berth.scenario().set(digest, behaviour));
    }

    private static Deployment finalOf(Setup setup, PushedImage image) {
        return berth.watcher().awaitFinal(setup.cluster(), setup.pair().name(), image.digest(), WITHIN, e -> {});
    }

    /** The production listener's weights, in percent: blue's, then green's. */
    private static List<Integer> production(Setup setup) {
        Map<String, Integer> weights = berth.traffic().weights(setup.pair().listenerArn());
        int blue = weights.getOrDefault(setup.pair().blueTargetGroupArn(), 0);
        int green = weights.getOrDefault(setup.pair().greenTargetGroupArn(), 0);
        int total = Math.max(1, blue + green);
        return List.of(Math.round(100f * blue / total), Math.round(100f * green / total));
    }

    private static int running(Setup setup, String service) {
        return berth.clients().ecs().describeServices(r -> r.cluster(setup.cluster()).services(service)).services().getFirst().runningCount();
    }

    private static int desired(Setup setup, String service) {
        return berth.clients().ecs().describeServices(r -> r.cluster(setup.cluster()).services(service)).services().getFirst().desiredCount();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static List<String> steps(Deployment deployment) {
        return deployment.timeline().stream().map(TimelineEntry::step).toList();
    }

    private static String timeline(Deployment deployment) {
        return String.join("\n", deployment.timeline().stream().map(e -> e.step() + ": " + e.detail()).toList());
    }

    /** The pair is whole: {@code live} has all the traffic and desired tasks, the other color none of either. */
    private static void whole(Setup setup, String live, Deployment deployment) throws InterruptedException {
        String idle = live.equals(setup.pair().blueService()) ? setup.pair().greenService() : setup.pair().blueService();
        assertThat(production(setup)).as(timeline(deployment))
                .isEqualTo(live.equals(setup.pair().blueService()) ? List.of(100, 0) : List.of(0, 100));
        assertThat(desired(setup, idle)).as("%s scaled to 0", idle).isZero();
        await(idle + " has no task left", () -> running(setup, idle) == 0);
        assertThat(running(setup, live)).isEqualTo(2);
        String liveGroup = live.equals(setup.pair().blueService()) ? setup.pair().blueTargetGroupArn() : setup.pair().greenTargetGroupArn();
        assertThat(berth.traffic().sample(setup.pair().listenerArn(), 200)).as("every request reaches " + live)
                .containsEntry(liveGroup, 200);
    }

    private static String answerGate(String deploymentId, String decision, String reason) throws Exception {
        try (LambdaClient lambda = SandboxClients.client(LambdaClient.builder(), berth.sandbox().endpoint(), berth.sandbox().region())) {
            InvokeResponse response = lambda.invoke(r -> r.functionName("AnswerGateFunction")
                    .payload(SdkBytes.fromUtf8String(Json.write(new GateAnswer(deploymentId, decision, "tester", reason)))));
            assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
            return response.payload().asUtf8String();
        }
    }

    @Test
    void aCanaryShiftsThenTheNextPushGoesToTheOtherColor() throws Exception {
        Setup setup = pair(canary(20, 3), false, 600);
        PushedImage first = push(setup, "1.1.0", ImageBehaviour.healthy());
        Deployment d = finalOf(setup, first);

        assertThat(d.status()).as(timeline(d)).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(d.newColor()).contains("green");
        assertThat(steps(d)).containsSubsequence("Start green on the new revision", "Shift 20% of traffic to green",
                "Shift all traffic to green", "Keep blue for the termination wait", "Scale blue down", "SUCCEEDED");
        assertThat(d.timeline()).anySatisfy(e -> assertThat(e.detail())
                .startsWith("HEALTHY: production listener at green 20% / blue 80% (read back)").contains("baked 3s"));
        whole(setup, setup.pair().greenService(), d);

        PushedImage second = push(setup, "1.2.0", ImageBehaviour.healthy());
        Deployment next = finalOf(setup, second);
        assertThat(next.status()).as(timeline(next)).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(next.newColor()).as("colors alternate").contains("blue");
        whole(setup, setup.pair().blueService(), next);
    }

    @Test
    void allAtOnceLinearAndExplicitStepsEndWithTheNewColorLive() throws Exception {
        Setup all = pair(new BlueGreenSettings.TrafficDocument("all-at-once", null, null, null, null, null), false, 600);
        Deployment a = finalOf(all, push(all, "1.1.0", ImageBehaviour.healthy()));
        assertThat(a.status()).as(timeline(a)).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(steps(a)).contains("Shift all traffic to green").noneMatch(step -> step.matches("Shift \\d+% of traffic.*"));
        whole(all, all.pair().greenService(), a);

        Setup linear = pair(new BlueGreenSettings.TrafficDocument("linear", null, null, 50, 2L, null), false, 600);
        Deployment d = finalOf(linear, push(linear, "1.1.0", ImageBehaviour.healthy()));
        assertThat(d.status()).as(timeline(d)).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(steps(d)).containsSubsequence("Shift 50% of traffic to green", "Shift all traffic to green");
        whole(linear, linear.pair().greenService(), d);

        Setup explicit = pair(new BlueGreenSettings.TrafficDocument("steps", null, null, null, null, List.of(
                new BlueGreenSettings.TrafficStepDocument(5, 2L, null), new BlueGreenSettings.TrafficStepDocument(25, 2L, null))),
                false, 600);
        Deployment e = finalOf(explicit, push(explicit, "1.1.0", ImageBehaviour.healthy()));
        assertThat(e.status()).as(timeline(e)).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(steps(e)).containsSubsequence("Shift 5% of traffic to green", "Shift 25% of traffic to green",
                "Shift all traffic to green");
        whole(explicit, explicit.pair().greenService(), e);
    }

    @Test
    void anImageThatNeverBecomesHealthyFailsBeforeAnyTrafficMoves() throws Exception {
        Setup setup = pair(canary(10, 3), false, 600);
        Deployment d = finalOf(setup, push(setup, "1.1.0", ImageBehaviour.crashOnStart()));

        assertThat(d.status()).as(timeline(d)).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(steps(d)).doesNotContain("Shift 10% of traffic to green");
        assertThat(d.timeline()).anySatisfy(e -> assertThat(e.detail()).startsWith("production listener already at green 0% / blue 100%"));
        whole(setup, setup.pair().blueService(), d);
    }

    @Test
    void targetsTurningUnhealthyAtTheCanaryShiftEverythingBack() throws Exception {
        Setup setup = pair(canary(10, 60), false, 600);
        PushedImage image = push(setup, "1.1.0", ImageBehaviour.healthy());
        await("10% reaches green", () -> production(setup).equals(List.of(90, 10)));
        berth.images().setIncludingRunning(berth.pusher().repositoryUri(setup.repository()) + "@" + image.digest(), ImageBehaviour.unhealthy());
        Deployment d = finalOf(setup, image);

        assertThat(d.status()).as(timeline(d)).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.reason().orElseThrow()).startsWith("green at green 10% / blue 90%: ");
        assertThat(steps(d)).containsSubsequence("Shift 10% of traffic to green", "Shift all traffic back to blue", "Scale green down");
        whole(setup, setup.pair().blueService(), d);
    }

    @Test
    void targetsFailingInTheFinalBakeAtAllTrafficShiftEverythingBack() throws Exception {
        Setup setup = pair(canary(20, 1), false, 600, 60);
        PushedImage image = push(setup, "1.1.0", ImageBehaviour.healthy());
        await("all traffic reaches green", () -> production(setup).equals(List.of(0, 100)));
        berth.images().setIncludingRunning(berth.pusher().repositoryUri(setup.repository()) + "@" + image.digest(), ImageBehaviour.unhealthy());
        Deployment d = finalOf(setup, image);

        assertThat(d.status()).as(timeline(d)).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.reason().orElseThrow()).startsWith("green at green 100% / blue 0%: ");
        assertThat(steps(d)).containsSubsequence("Shift all traffic to green", "Shift all traffic back to blue", "Scale green down")
                .doesNotContain("Keep blue for the termination wait");
        whole(setup, setup.pair().blueService(), d);
    }

    @Test
    void anAlarmGoingOffMidCanaryRollsBackAndOneAlreadyInAlarmFailsFast() throws Exception {
        Setup setup = pair(canary(10, 60), false, 600);
        PushedImage image = push(setup, "1.1.0", ImageBehaviour.healthy());
        await("10% reaches green", () -> production(setup).equals(List.of(90, 10)));
        Instant alarmed = Instant.now();
        setAlarm(setup.alarm(), StateValue.ALARM);
        Deployment d = finalOf(setup, image);

        assertThat(d.status()).as(timeline(d)).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.reason().orElseThrow()).isEqualTo("alarm " + setup.alarm() + " is in ALARM at green 10% / blue 90%");
        assertThat(Duration.between(alarmed, Instant.now())).as("back on blue within a few looks").isLessThan(Duration.ofSeconds(60));
        whole(setup, setup.pair().blueService(), d);

        Deployment refused = finalOf(setup, push(setup, "1.2.0", ImageBehaviour.healthy()));
        assertThat(refused.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(refused.reason().orElseThrow()).startsWith("pre-flight: alarm " + setup.alarm() + " is in ALARM before anything moved");
        assertThat(steps(refused)).doesNotContain("Start green on the new revision");
    }

    @Test
    void aManualGateWaitsForPromoteAndAbortRollsBack() throws Exception {
        Setup setup = pair(canary(10, 1), true, 600);
        PushedImage first = push(setup, "1.1.0", ImageBehaviour.healthy());
        Deployment waiting = berth.watcher().awaitStarted(setup.cluster(), setup.pair().name(), first.digest(), WITHIN);
        await("the gate waits", () -> berth.history().find(waiting.id()).flatMap(Deployment::gateToken).isPresent());
        assertThat(production(setup)).isEqualTo(List.of(90, 10));
        assertThat(answerGate(waiting.id(), "promote", "looks good")).contains("promoted by tester: looks good");
        Deployment promoted = finalOf(setup, first);
        assertThat(promoted.status()).as(timeline(promoted)).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(promoted.timeline()).anySatisfy(e -> assertThat(e.detail()).isEqualTo("promoted by tester: looks good"));
        whole(setup, setup.pair().greenService(), promoted);

        PushedImage second = push(setup, "1.2.0", ImageBehaviour.healthy());
        Deployment next = berth.watcher().awaitStarted(setup.cluster(), setup.pair().name(), second.digest(), WITHIN);
        await("the gate waits again", () -> berth.history().find(next.id()).flatMap(Deployment::gateToken).isPresent());
        // As a person does it: ./berth abort <id> --reason ... against the running sandbox.
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        java.io.PrintStream printed = new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(new dev.berth.sandbox.cli.GateCommand("abort").run(List.of(next.id(), "--reason", "latency up", "--as", "tester",
                "--endpoint", berth.sandbox().endpoint().toString()), printed, printed)).as(said.toString()).isZero();
        assertThat(said.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(next.id() + ": aborted by tester: latency up\n");
        Deployment aborted = finalOf(setup, second);
        assertThat(aborted.status()).as(timeline(aborted)).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(aborted.reason().orElseThrow()).isEqualTo("aborted by tester: latency up");
        whole(setup, setup.pair().greenService(), aborted);
    }

    @Test
    void aGateNobodyAnswersRollsBackWhenItTimesOut() throws Exception {
        Setup setup = pair(canary(10, 1), true, 10);
        Deployment d = finalOf(setup, push(setup, "1.1.0", ImageBehaviour.healthy()));

        assertThat(d.status()).as(timeline(d)).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.reason().orElseThrow()).isEqualTo("no one promoted or aborted within 10s");
        whole(setup, setup.pair().blueService(), d);
    }

    @Test
    void aListenerEditedByHandIsReportedBeforeAndDuringADeployment() throws Exception {
        Setup setup = pair(canary(10, 60), false, 600);
        PushedImage image = push(setup, "1.1.0", ImageBehaviour.healthy());
        await("10% reaches green", () -> production(setup).equals(List.of(90, 10)));
        editByHand(setup, 50, 50);
        Deployment d = finalOf(setup, image);
        assertThat(d.status()).as(timeline(d)).isEqualTo(DeploymentStatus.ROLLED_BACK);
        assertThat(d.reason().orElseThrow()).isEqualTo("production listener changed outside Berth: it forwards green 50% / blue 50%"
                + " where Berth set green 10% / blue 90%");
        whole(setup, setup.pair().blueService(), d);

        editByHand(setup, 70, 30);
        Deployment refused = finalOf(setup, push(setup, "1.2.0", ImageBehaviour.healthy()));
        assertThat(refused.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(refused.reason().orElseThrow()).startsWith("pre-flight: ").contains("blue 70%").contains("green 30%");
        assertThat(production(setup)).as("not overwritten").isEqualTo(List.of(70, 30));
    }

    @Test
    void aPushDuringTheCanaryPutsTrafficBackBeforeTheNewerOneDeploys() throws Exception {
        Setup setup = pair(canary(10, 60), false, 600);
        PushedImage first = push(setup, "1.1.0", ImageBehaviour.healthy());
        await("10% reaches green", () -> production(setup).equals(List.of(90, 10)));
        PushedImage second = push(setup, "1.2.0", ImageBehaviour.healthy());
        Deployment older = finalOf(setup, first);
        Deployment newer = finalOf(setup, second);

        assertThat(older.status()).as(timeline(older)).isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(older.reason().orElseThrow()).isEqualTo("superseded by " + newer.id());
        assertThat(steps(older)).containsSubsequence("Shift all traffic back to blue", "Scale green down");
        assertThat(newer.status()).as(timeline(newer)).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(newer.newColor()).contains("green");
        Instant olderDone = older.finishedAt().orElseThrow();
        assertThat(newer.timeline()).filteredOn(e -> e.step().startsWith("Start green")).allSatisfy(e -> assertThat(e.at()).isAfterOrEqualTo(olderDone));
        whole(setup, setup.pair().greenService(), newer);
    }

    private static void editByHand(Setup setup, int blue, int green) {
        berth.clients().elb().modifyListener(r -> r.listenerArn(setup.pair().listenerArn()).defaultActions(a -> a.type(ActionTypeEnum.FORWARD)
                .forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(setup.pair().blueTargetGroupArn()).weight(blue),
                        t -> t.targetGroupArn(setup.pair().greenTargetGroupArn()).weight(green)))));
    }
}
