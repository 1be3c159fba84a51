package dev.berth.sandbox.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.sandbox.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {

    private static final String ACCOUNT = "123456789012";
    private static final SamTemplate BERTH = SamTemplate.load(TestPaths.projectRoot().resolve("template.yaml"));

    @TempDir
    Path dir;

    @Test
    void berthFunctionsAreItsHandlersWithGlobalsMerged() {
        assertThat(BERTH.functions()).extracting(SamFunction::logicalId).containsExactly(
                "EcrPushFunction", "AcquireServiceFunction", "PrepareRevisionFunction", "StartStepFunction",
                "ObserveStepFunction", "AwaitGateFunction", "AnswerGateFunction", "ConcludeDeploymentFunction",
                "SweepDeploymentsFunction");
        assertThat(BERTH.functions()).allSatisfy(function -> {
            assertThat(function.handlerClass()).startsWith("dev.berth.handlers.").endsWith("Handler");
            assertThat(function.handlerMethod()).isEqualTo("handleRequest");
            assertThat(function.functionName()).isEqualTo(function.logicalId());
            assertThat(function.timeoutSeconds()).isEqualTo(60);
            assertThat(function.memoryMb()).isEqualTo(1024);
            assertThat(function.environment()).containsEntry("DEPLOYMENTS_TABLE", "DeploymentsTable")
                    .containsEntry("TARGETS_TABLE", "TargetsTable")
                    .containsEntry("LEASES_TABLE", "LeasesTable")
                    .containsEntry("EVENT_BUS_NAME", "default")
                    .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
            assertThat(function.autoPublishAlias()).as(function.logicalId() + " publishes the alias SnapStart runs").contains("live");
            assertThat(BERTH.resolver().ref(function.logicalId() + ".Alias"))
                    .isEqualTo("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + function.functionName() + ":live");
        });
        SamFunction push = BERTH.function("EcrPushFunction").orElseThrow();
        assertThat(push.handler()).isEqualTo("dev.berth.handlers.EcrPushHandler::handleRequest");
        assertThat(push.environment()).containsEntry("STATE_MACHINE_ARN",
                "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:DeploymentStateMachine");
        assertThat(BERTH.function("ObserveStepFunction").orElseThrow().environment()).doesNotContainKey("STATE_MACHINE_ARN");
        assertThat(BERTH.function("SweepDeploymentsFunction").orElseThrow().environment()).containsEntry("STATE_MACHINE_ARN",
                "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:DeploymentStateMachine");
    }

    @Test
    void berthTablesCarryKeysAndIndexes() {
        assertThat(BERTH.tables()).extracting(TableDefinition::tableName).containsExactly("DeploymentsTable", "LeasesTable", "TargetsTable");
        TableDefinition deployments = BERTH.table("DeploymentsTable").orElseThrow();
        assertThat(deployments.billingMode()).isEqualTo("PAY_PER_REQUEST");
        assertThat(deployments.keySchema()).containsExactly(new TableDefinition.KeyElement("deploymentId", "HASH"));
        assertThat(deployments.attributes()).extracting(TableDefinition.AttributeDefinition::name)
                .containsExactly("deploymentId", "serviceKey", "startedAt", "inFlight");
        assertThat(deployments.globalSecondaryIndexes()).extracting(TableDefinition.SecondaryIndex::indexName)
                .containsExactly("byService", "inFlight");
        assertThat(deployments.globalSecondaryIndexes().getFirst()).satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("byService");
            assertThat(index.keySchema()).containsExactly(new TableDefinition.KeyElement("serviceKey", "HASH"),
                    new TableDefinition.KeyElement("startedAt", "RANGE"));
            assertThat(index.projectionType()).isEqualTo("ALL");
        });
        assertThat(BERTH.table("LeasesTable").orElseThrow().keySchema()).containsExactly(
                new TableDefinition.KeyElement("serviceKey", "HASH"));
        assertThat(BERTH.table("TargetsTable").orElseThrow().keySchema()).containsExactly(
                new TableDefinition.KeyElement("repository", "HASH"), new TableDefinition.KeyElement("targetKey", "RANGE"));
    }

    @Test
    void berthStateMachineGetsEveryTaskResolvedToATemplateFunction() throws IOException {
        StateMachineDefinition machine = BERTH.stateMachine("DeploymentStateMachine").orElseThrow();
        assertThat(machine.type()).isEqualTo("STANDARD");
        assertThat(machine.definitionFile()).contains(TestPaths.projectRoot().resolve("statemachine/deployment.asl.json"));
        // The alias AutoPublishAlias (in Globals) makes: the state machine invokes the published, SnapStart version.
        assertThat(machine.substitutions()).containsEntry("ConcludeDeploymentFunctionArn",
                "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:ConcludeDeploymentFunction:live");
        assertThat(machine.placeholders()).containsExactlyInAnyOrderElementsOf(machine.substitutions().keySet());

        String definition = machine.definition();
        assertThat(definition).doesNotContain("${");
        var functionArns = BERTH.functions().stream()
                .map(f -> "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + f.functionName() + ":live").toList();
        var taskResources = new ArrayList<String>();
        new ObjectMapper().readTree(definition).get("States").forEach(state -> {
            if (state.get("Type").asText().equals("Task")) {
                // Lambda's .waitForTaskToken integration names the function it invokes as FunctionName.
                taskResources.add(state.get("Resource").asText().endsWith(":lambda:invoke.waitForTaskToken")
                        ? state.get("Parameters").get("FunctionName").asText() : state.get("Resource").asText());
            }
        });
        assertThat(taskResources).isNotEmpty().allSatisfy(arn -> assertThat(functionArns).contains(arn));
    }

    @Test
    void berthParametersHaveTheirDefaults() {
        assertThat(BERTH.parameters()).containsEntry("EventBusName",
                new TemplateParameter("EventBusName", "String", java.util.Optional.of("default")));
    }

    @Test
    void shortAndLongFormIntrinsicsResolveAlike() throws IOException {
        SamTemplate template = load("""
                Parameters:
                  Stage: {Type: String, Default: dev}
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                  NotProd: {"Fn::Not": [{Condition: IsProd}]}
                Mappings:
                  Sizes: {dev: {memory: 256}}
                Globals:
                  Function:
                    Timeout: 9
                    Environment:
                      Variables: {SHARED: global, OVERRIDDEN: global}
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Sub "${AWS::StackName}-${Stage}-items"
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler
                      MemorySize: !FindInMap [Sizes, !Ref Stage, memory]
                      AutoPublishAlias: live
                      Environment:
                        Variables:
                          OVERRIDDEN: own
                          SHORT_REF: !Ref Table
                          LONG_REF: {Ref: Table}
                          SHORT_ARN: !GetAtt Table.Arn
                          LONG_ARN: {"Fn::GetAtt": [Table, Arn]}
                          SUB: !Sub "${AWS::Region}:${AWS::AccountId}:${Table}:${Table.Arn}:${!Literal}"
                          SUB_VARS: !Sub ["${a}-${b}", {a: !Ref Stage, b: 2}]
                          JOINED: !Join ["/", [a, !Ref Stage, !Select [1, !Split [",", "x,y,z"]]]]
                          CHOSEN: !If [IsProd, big, small]
                          NOT_PROD: !If [NotProd, "yes", "no"]
                          GONE: !If [IsProd, kept, !Ref "AWS::NoValue"]
                          ALIAS: !Ref Fn.Alias
                          NUMBER: 5
                """);
        SamFunction function = template.function("Fn").orElseThrow();
        String table = "berth-dev-items";
        String tableArn = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + table;
        assertThat(function.environment()).containsAllEntriesOf(Map.ofEntries(
                Map.entry("SHARED", "global"),
                Map.entry("OVERRIDDEN", "own"),
                Map.entry("SHORT_REF", table),
                Map.entry("LONG_REF", table),
                Map.entry("SHORT_ARN", tableArn),
                Map.entry("LONG_ARN", tableArn),
                Map.entry("SUB", "us-east-1:" + ACCOUNT + ":" + table + ":" + tableArn + ":${Literal}"),
                Map.entry("SUB_VARS", "dev-2"),
                Map.entry("JOINED", "a/dev/y"),
                Map.entry("CHOSEN", "small"),
                Map.entry("NOT_PROD", "yes"),
                Map.entry("ALIAS", "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:Fn:live"),
                Map.entry("NUMBER", "5")));
        assertThat(function.environment()).doesNotContainKey("GONE");
        assertThat(function.timeoutSeconds()).isEqualTo(9);
        assertThat(function.memoryMb()).isEqualTo(256);
        assertThat(function.autoPublishAlias()).contains("live");
        assertThat(template.table("Table").orElseThrow().tableName()).isEqualTo(table);
    }

    @Test
    void parameterValuesOverrideDefaultsAndConditionsFollow() throws IOException {
        Path file = write("""
                Parameters:
                  Stage: {Type: String, Default: dev}
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                Resources:
                  ProdOnly:
                    Type: AWS::DynamoDB::Table
                    Condition: IsProd
                    Properties:
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                """);
        assertThat(SamTemplate.load(file).tables()).isEmpty();
        assertThat(SamTemplate.load(file, AwsLocation.SANDBOX, Map.of("Stage", "prod")).tables())
                .extracting(TableDefinition::logicalId).containsExactly("ProdOnly");
    }

    @Test
    void lambdaDefaultsApplyWithoutGlobals() throws IOException {
        SamFunction function = load("""
                Resources:
                  Plain:
                    Type: AWS::Lambda::Function
                    Properties:
                      Handler: example.Plain::run
                """).function("Plain").orElseThrow();
        assertThat(function.timeoutSeconds()).isEqualTo(3);
        assertThat(function.memoryMb()).isEqualTo(128);
        assertThat(function.handlerMethod()).isEqualTo("run");
        assertThat(function.environment()).isEmpty();
    }

    @Test
    void inlineDefinitionsResolveIntrinsicsAndSimpleTablesGetTheirKey() throws IOException {
        SamTemplate template = load("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: example.Handler}
                  Machine:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      Name: named-machine
                      Definition:
                        StartAt: Go
                        States:
                          Go: {Type: Task, Resource: !GetAtt Fn.Arn, End: true}
                  Simple:
                    Type: AWS::Serverless::SimpleTable
                    Properties:
                      PrimaryKey: {Name: key, Type: Number}
                """);
        StateMachineDefinition machine = template.stateMachine("Machine").orElseThrow();
        assertThat(machine.name()).isEqualTo("named-machine");
        JsonNode definition = new ObjectMapper().readTree(machine.definition());
        assertThat(definition.at("/States/Go/Resource").asText()).isEqualTo("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:Fn");
        TableDefinition simple = template.table("Simple").orElseThrow();
        assertThat(simple.attributes()).containsExactly(new TableDefinition.AttributeDefinition("key", "N"));
        assertThat(simple.keySchema()).containsExactly(new TableDefinition.KeyElement("key", "HASH"));
    }

    @Test
    void anAliasFromGlobalsIsWhatRefFunctionAliasNamesAndTheFunctionsOwnAliasWins() throws IOException {
        SamTemplate template = load("""
                Globals:
                  Function:
                    AutoPublishAlias: live
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: example.Handler}
                  Own:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: example.Handler, AutoPublishAlias: canary}
                  Plain:
                    Type: AWS::Lambda::Function
                    Properties: {Handler: example.Handler}
                  Machine:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      Definition:
                        StartAt: Go
                        States:
                          Go: {Type: Task, Resource: !Ref Fn.Alias, Next: Own}
                          Own: {Type: Task, Resource: !Ref Own.Alias, End: true}
                """);
        assertThat(template.function("Fn").orElseThrow().autoPublishAlias()).contains("live");
        assertThat(template.function("Own").orElseThrow().autoPublishAlias()).contains("canary");
        JsonNode definition = new ObjectMapper().readTree(template.stateMachine("Machine").orElseThrow().definition());
        assertThat(definition.at("/States/Go/Resource").asText()).isEqualTo("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:Fn:live");
        assertThat(definition.at("/States/Own/Resource").asText()).isEqualTo("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:Own:canary");
        // SAM's Globals do not apply to plain CloudFormation functions: no alias to name.
        assertThatThrownBy(() -> template.resolver().ref("Plain.Alias")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("AutoPublishAlias");
    }

    @Test
    void aPlaceholderWithoutSubstitutionIsAnErrorNamingIt() throws IOException {
        Path asl = dir.resolve("machine.asl.json");
        Files.writeString(asl, "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"${Known}\",\"Next\":\"B\"},"
                + "\"B\":{\"Type\":\"Task\",\"Resource\":\"${Missing}\",\"End\":true}}}");
        StateMachineDefinition machine = load("""
                Resources:
                  Machine:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      DefinitionUri: machine.asl.json
                      DefinitionSubstitutions: {Known: arn:known}
                """).stateMachine("Machine").orElseThrow();
        assertThatThrownBy(machine::definition).isInstanceOf(TemplateException.class)
                .hasMessageContaining("${Missing}").hasMessageNotContaining("${Known}");
    }

    @Test
    void whatTheSandboxCannotModelIsAnErrorNotAGuess() throws IOException {
        SamTemplate template = load("""
                Resources:
                  Topic: {Type: AWS::SNS::Topic}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler
                      Environment:
                        Variables: {TOPIC: !Ref Topic}
                """);
        assertThatThrownBy(template::functions).isInstanceOf(TemplateException.class)
                .hasMessageContaining("!Ref Topic").hasMessageContaining("AWS::SNS::Topic");
        assertThatThrownBy(() -> load("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler
                      Environment: {Variables: {X: !Ref Nowhere}}
                """).functions()).isInstanceOf(TemplateException.class).hasMessageContaining("Nowhere");
    }

    @Test
    void globalsMergeMapsKeyByKeyAndConcatenateLists() {
        Map<String, Object> merged = SamTemplate.mergeGlobals(
                Map.of("Timeout", 5, "Layers", List.of("a"), "Environment", Map.of("Variables", Map.of("A", "1", "B", "1"))),
                Map.of("Timeout", 7, "Layers", List.of("b"), "Environment", Map.of("Variables", Map.of("B", "2"))));
        assertThat(merged).containsEntry("Timeout", 7).containsEntry("Layers", List.of("a", "b"))
                .containsEntry("Environment", Map.of("Variables", Map.of("A", "1", "B", "2")));
    }

    private SamTemplate load(String yaml) throws IOException {
        return SamTemplate.load(write(yaml));
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
