package dev.berth.sandbox.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.berth.sandbox.TestPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What `sam deploy` would trip over: lint findings, and handlers the Lambda runtime could not load. */
class TemplateDeployabilityTest {

    private static final Path ROOT = TestPaths.projectRoot();

    @Test
    void cfnLintFindsNothing() throws IOException, InterruptedException {
        CfnLint.findsNothingIn(ROOT, "template.yaml");
    }


    @Test
    void everyFunctionIsSnapStartedOnItsPublishedVersionsAndTheStateMachineInvokesTheAlias() throws IOException {
        SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"));
        Map<?, ?> root = (Map<?, ?>) CfnYaml.parse(java.nio.file.Files.readString(ROOT.resolve("template.yaml")));
        Map<?, ?> functionGlobals = (Map<?, ?>) ((Map<?, ?>) root.get("Globals")).get("Function");
        assertThat(functionGlobals.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        assertThat(template.functions()).allSatisfy(function ->
                assertThat(function.autoPublishAlias()).as(function.logicalId()).contains("live"));
        // No function overrides SnapStart off, and the state machine's every function ARN is an alias ARN.
        assertThat(template.resources()).filteredOn(r -> r.type().equals("AWS::Serverless::Function"))
                .allSatisfy(r -> assertThat(r.properties()).doesNotContainKeys("SnapStart", "AutoPublishAlias"));
        var aliasArns = template.functions().stream()
                .map(f -> String.valueOf(template.resolver().ref(f.logicalId() + ".Alias"))).toList();
        assertThat(template.stateMachine("DeploymentStateMachine").orElseThrow().substitutions().values())
                .isNotEmpty().allSatisfy(arn -> assertThat(aliasArns).contains(arn));
    }


    @Test
    void everyHandlerIsALoadableLambdaEntryPointWithTheNamedMethodAndBothConstructors() throws Exception {
        SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"));
        assertThat(template.functions()).extracting(SamFunction::logicalId).contains(
                "EcrPushFunction", "AcquireServiceFunction", "PrepareRevisionFunction", "StartStepFunction",
                "ObserveStepFunction", "ConcludeDeploymentFunction", "SweepDeploymentsFunction");
        for (SamFunction function : template.functions()) {
            Class<?> type = Class.forName(function.handlerClass());
            assertThat(RequestStreamHandler.class.isAssignableFrom(type) || RequestHandler.class.isAssignableFrom(type))
                    .as(function.handler() + " is a Lambda handler").isTrue();
            assertThat(Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(function.handlerMethod()))
                    .anyMatch(m -> m.getParameterCount() >= 2 && m.getParameterTypes()[m.getParameterCount() - 1] == Context.class))
                    .as(function.handler() + " has the method the template names").isTrue();
            // The runtime constructs with no arguments; the sandbox and tests pass the environment.
            type.getConstructor();
            type.getConstructor(Map.class);
        }
    }
}
