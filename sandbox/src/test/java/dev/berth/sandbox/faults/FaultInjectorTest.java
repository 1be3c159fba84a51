package dev.berth.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which calls a rule fails and how often, on calls made up here (the SDK's side is FaultInjectionTest). */
class FaultInjectorTest {

    private static final AwsResponse PASSED = AwsResponse.json(200, "{}", "application/json");

    private static AwsRequest dynamoDb(String action, String userAgent, String body) {
        return new AwsRequest("POST", "/", "", Map.of("x-amz-target", List.of("DynamoDB_20120810." + action),
                "content-type", List.of("application/x-amz-json-1.0"), "user-agent", List.of(userAgent)),
                body.getBytes(StandardCharsets.UTF_8), "dynamodb", Optional.of(action));
    }

    private static boolean fails(FaultInjector faults, AwsRequest request) {
        return faults.handle(request, ignored -> PASSED).isPresent();
    }

    @Test
    void aRuleMatchesServiceActionFunctionAndBodyWhenGiven() {
        FaultInjector faults = new FaultInjector();
        faults.add(FaultRule.failing("dynamodb", "PutItem").fromFunction("CheckRolloutFunction")
                .whenBodyContains("DeploymentsTable"));
        String fromCheck = "aws-sdk-java/2.40.2 ua/2.1 os/Linux lang/java#25 app/CheckRolloutFunction m/D";

        assertThat(fails(faults, dynamoDb("PutItem", fromCheck, "{\"TableName\":\"DeploymentsTable\"}"))).isTrue();
        assertThat(fails(faults, dynamoDb("GetItem", fromCheck, "{\"TableName\":\"DeploymentsTable\"}"))).isFalse();
        assertThat(fails(faults, dynamoDb("PutItem", fromCheck, "{\"TableName\":\"TargetsTable\"}"))).isFalse();
        assertThat(fails(faults, dynamoDb("PutItem", "aws-sdk-java/2.40.2 app/CheckRolloutFunctionV2",
                "{\"TableName\":\"DeploymentsTable\"}"))).isFalse();
        assertThat(faults.list()).singleElement().satisfies(status -> {
            assertThat(status.matched()).isEqualTo(1);
            assertThat(status.fired()).isEqualTo(1);
        });
    }

    @Test
    void aCountFailsTheFirstCallsOnlyAndTheNextRuleMayStillFire() {
        FaultInjector faults = new FaultInjector();
        String first = faults.add(FaultRule.failing("dynamodb").withError("ThrottlingException").times(2));
        String second = faults.add(FaultRule.failing("dynamodb", "Query").withError(503, "ServiceUnavailable"));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(faults.handle(dynamoDb("Query", "sdk", "{}"), ignored -> PASSED).map(AwsResponse::status).orElse(200));
        }

        assertThat(statuses).containsExactly(400, 400, 503, 503);
        assertThat(faults.status(first).orElseThrow()).extracting(FaultInjector.FaultStatus::matched,
                FaultInjector.FaultStatus::fired).containsExactly(4, 2);
        assertThat(faults.status(second).orElseThrow().fired()).isEqualTo(2);
        assertThat(faults.remove(second)).isTrue();
        assertThat(fails(faults, dynamoDb("Query", "sdk", "{}"))).isFalse();
    }

    @Test
    void aRatioFailsAShareOfCallsTheSameWayEveryRun() {
        List<Boolean> first = ratioRun();
        List<Boolean> second = ratioRun();

        assertThat(first).isEqualTo(second);
        long failed = first.stream().filter(Boolean::booleanValue).count();
        assertThat(failed).isBetween(60L, 140L); // 0.5 of 200
    }

    private static List<Boolean> ratioRun() {
        FaultInjector faults = new FaultInjector();
        faults.add(FaultRule.failing("dynamodb").ratio(0.5));
        List<Boolean> outcomes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            outcomes.add(fails(faults, dynamoDb("GetItem", "sdk", "{}")));
        }
        return outcomes;
    }

    @Test
    void controlPathsAreNeverFailedAndOtherControlPathsPassOn() {
        FaultInjector faults = new FaultInjector();
        faults.add(FaultRule.failing("dynamodb"));
        AwsRequest info = new AwsRequest("GET", "/_berth/info", "", Map.of(), new byte[0], "", Optional.empty());

        assertThat(faults.handle(info, ignored -> PASSED)).isEmpty();
    }

    @Test
    void rulesRefuseWhatCouldNeverBeAnAwsError() {
        assertThatThrownBy(() -> FaultRule.failing(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.failing("ecs").withError(200, "Fine")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.failing("ecs").times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.failing("ecs").ratio(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FaultRule.failing("elbv2").service()).isEqualTo("elasticloadbalancing");
        assertThat(FaultRule.failing("sfn").withError("TooManyRequestsException").status()).isEqualTo(429);
    }
}
