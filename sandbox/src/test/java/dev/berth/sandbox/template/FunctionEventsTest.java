package dev.berth.sandbox.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.sandbox.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EventBridge rules and asynchronous-invocation settings functions get from a template. */
class FunctionEventsTest {

    private static final SamTemplate BERTH = SamTemplate.load(TestPaths.projectRoot().resolve("template.yaml"));

    @TempDir
    Path dir;

    @Test
    void ecrPushFunctionHearsEveryEcrImageActionOnTheDefaultBus() throws IOException {
        SamFunction push = BERTH.function("EcrPushFunction").orElseThrow();

        assertThat(push.eventBridgeRules()).singleElement().satisfies(rule -> {
            assertThat(rule.ruleName()).isEqualTo("EcrPushFunctionEcrImageAction");
            assertThat(rule.eventBusName()).isEqualTo("default");
            assertThat(new ObjectMapper().readTree(rule.patternJson())).isEqualTo(new ObjectMapper().readTree(
                    "{\"source\": [\"aws.ecr\"], \"detail-type\": [\"ECR Image Action\"]}"));
            assertThat(rule.enabled()).isTrue();
            assertThat(rule.retryPolicy()).isEqualTo(new EventBridgeRuleEvent.RetryPolicy(10, 3600));
            assertThat(rule.deadLetterQueueArn()).isEmpty();
        });
        assertThat(push.eventInvokeConfig()).isEqualTo(new EventInvokeConfig(2, 21_600, Optional.empty(), Optional.of(
                new EventInvokeConfig.Destination("SQS", "arn:aws:sqs:us-east-1:123456789012:PushFailuresQueue"))));
        assertThat(BERTH.queues()).containsExactly(new QueueDefinition("PushFailuresQueue", "PushFailuresQueue", false));
    }

    @Test
    void theStepFunctionsAreInvokedByTheStateMachineOnly() {
        assertThat(BERTH.functions()).filteredOn(f -> !f.logicalId().equals("EcrPushFunction")).allSatisfy(function -> {
            assertThat(function.eventBridgeRules()).isEmpty();
            assertThat(function.eventInvokeConfig()).isEqualTo(EventInvokeConfig.DEFAULT);
        });
    }

    @Test
    void everyRulePropertyIsReadWithIntrinsicsResolved() throws IOException {
        SamFunction function = load("""
                Resources:
                  Bus: {Type: AWS::Events::EventBus, Properties: {Name: deployments}}
                  Dead: {Type: AWS::SQS::Queue, Properties: {FifoQueue: true}}
                  Named: {Type: AWS::SQS::Queue, Properties: {QueueName: named}}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler
                      EventInvokeConfig:
                        MaximumRetryAttempts: 0
                        MaximumEventAgeInSeconds: 60
                        DestinationConfig:
                          OnSuccess: {Destination: !GetAtt Named.Arn}
                      Events:
                        Changes:
                          Type: EventBridgeRule
                          Properties:
                            EventBusName: !GetAtt Bus.Arn
                            RuleName: on-change
                            State: DISABLED
                            Pattern: {source: [!Ref AWS::AccountId], detail: {reason: [null]}}
                            RetryPolicy: {MaximumRetryAttempts: 3}
                            DeadLetterConfig: {Arn: !GetAtt Dead.Arn}
                        Legacy:
                          Type: CloudWatchEvent
                          Properties:
                            Pattern: {source: [aws.ecs]}
                        Web:
                          Type: Api
                          Properties: {Path: /, Method: get}
                """).function("Fn").orElseThrow();

        assertThat(function.eventBridgeRules()).extracting(EventBridgeRuleEvent::eventName).containsExactly("Changes", "Legacy");
        EventBridgeRuleEvent changes = function.eventBridgeRules().getFirst();
        assertThat(changes.ruleName()).isEqualTo("on-change");
        assertThat(changes.eventBusName()).isEqualTo("deployments");
        assertThat(changes.enabled()).isFalse();
        assertThat(changes.patternJson()).isEqualTo("{\"source\":[\"123456789012\"],\"detail\":{\"reason\":[null]}}");
        assertThat(changes.retryPolicy()).isEqualTo(new EventBridgeRuleEvent.RetryPolicy(3, 86_400));
        assertThat(changes.deadLetterQueueArn()).contains("arn:aws:sqs:us-east-1:123456789012:Dead.fifo");
        EventBridgeRuleEvent legacy = function.eventBridgeRules().getLast();
        assertThat(legacy.ruleName()).isEqualTo("FnLegacy");
        assertThat(legacy.eventBusName()).isEqualTo("default");
        assertThat(legacy.retryPolicy()).isEqualTo(EventBridgeRuleEvent.RetryPolicy.DEFAULT);
        assertThat(function.eventInvokeConfig()).isEqualTo(new EventInvokeConfig(0, 60,
                Optional.of(new EventInvokeConfig.Destination("SQS", "arn:aws:sqs:us-east-1:123456789012:named")), Optional.empty()));
    }

    @Test
    void whatTheSandboxCannotDeliverFaithfullyIsAnError() throws IOException {
        assertThatThrownBy(() -> load(function("""
                      Events:
                        Shaped:
                          Type: EventBridgeRule
                          Properties:
                            Pattern: {source: [x]}
                            InputTransformer: {InputTemplate: "<x>"}
                """)).functions()).isInstanceOf(TemplateException.class).hasMessageContaining("Fn.Events.Shaped.InputTransformer");
        assertThatThrownBy(() -> load(function("""
                      EventInvokeConfig:
                        DestinationConfig:
                          OnFailure: {Type: SQS}
                """)).functions()).isInstanceOf(TemplateException.class).hasMessageContaining("OnFailure has no Destination");
        assertThatThrownBy(() -> load(function("""
                      EventInvokeConfig: {MaximumRetryAttempts: 3}
                """)).functions()).isInstanceOf(TemplateException.class).hasMessageContaining("0, 1 or 2");
        assertThatThrownBy(() -> load(function("""
                      Events:
                        NoPattern: {Type: EventBridgeRule, Properties: {EventBusName: default}}
                """)).functions()).isInstanceOf(TemplateException.class).hasMessageContaining("has no Pattern");
    }

    private static String function(String properties) {
        return """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler
                """ + properties;
    }

    private SamTemplate load(String yaml) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, yaml);
        return SamTemplate.load(file);
    }
}
