package dev.berth.sandbox.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.sandbox.TestPaths;
import dev.berth.sandbox.template.SamFunction;
import dev.berth.sandbox.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Lambda artifact that {@code sam deploy} ships ({@code functions/target/berth-functions-lambda.jar}, built
 * by the functions module's package phase, shaded and shrunk by ProGuard): no Netty and no Apache HTTP client, and every handler the template names.
 */
class LambdaArtifactTest {

    private static Path artifact;
    private static Set<String> entries;

    @BeforeAll
    static void openArtifact() throws IOException {
        Path target = TestPaths.projectRoot().resolve("functions/target");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().equals("berth-functions-lambda.jar")).toList();
            assertThat(jars).as("the shaded artifact in %s (run ./mvnw -pl functions package first)", target).hasSize(1);
            artifact = jars.getFirst();
        }
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            entries = zip.stream().map(ZipEntry::getName).collect(Collectors.toUnmodifiableSet());
        }
        System.out.printf(Locale.ROOT, "Lambda artifact %s: %.1f MB, %d entries%n", artifact.getFileName(),
                Files.size(artifact) / (1024.0 * 1024.0), entries.size());
    }

    @Test
    void itCarriesNoNettyAndNoApacheHttpClient() {
        assertThat(entries).noneMatch(e -> e.startsWith("io/netty/"))
                .noneMatch(e -> e.startsWith("org/apache/http/"))
                .noneMatch(e -> e.startsWith("org/apache/hc/"));
        assertThat(entries).as("the JDK URLConnection client the SDK uses instead")
                .contains("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class");
    }

    @Test
    void itHoldsEveryHandlerTheTemplateNames() {
        List<SamFunction> functions = SamTemplate.load(TestPaths.projectRoot().resolve("template.yaml")).functions();

        assertThat(functions).extracting(SamFunction::logicalId).contains("EcrPushFunction", "AcquireServiceFunction", "PrepareRevisionFunction", "StartStepFunction",
                "ObserveStepFunction", "ConcludeDeploymentFunction", "SweepDeploymentsFunction");
        assertThat(functions).allSatisfy(f ->
                assertThat(entries).as("%s's handler", f.logicalId()).contains(f.handlerClass().replace('.', '/') + ".class"));
    }

    @Test
    void itCarriesTheCracHooksSnapStartCalls() {
        // SnapStart runs org.crac resources (dev.berth.handlers.Priming) before its snapshot; without the API in the
        // artifact the handlers could not load.
        assertThat(entries).contains("org/crac/Core.class", "org/crac/Resource.class", "dev/berth/handlers/Priming.class");
    }

    @Test
    void itIsShrunkToTheOperationsBerthCalls() {
        // ProGuard keeps the SDK operations Berth's adapters call, and their marshallers, and cuts the rest.
        assertThat(entries).contains("software/amazon/awssdk/services/ecs/transform/DescribeServicesRequestMarshaller.class",
                "software/amazon/awssdk/services/ecs/transform/UpdateServiceRequestMarshaller.class",
                "software/amazon/awssdk/services/dynamodb/transform/GetItemRequestMarshaller.class");
        assertThat(entries).doesNotContain("software/amazon/awssdk/services/ecs/transform/CreateClusterRequestMarshaller.class",
                "software/amazon/awssdk/services/ecs/DefaultEcsAsyncClient.class",
                "software/amazon/awssdk/services/dynamodb/transform/CreateTableRequestMarshaller.class",
                "software/amazon/awssdk/services/eventbridge/transform/PutRuleRequestMarshaller.class");
    }

    @Test
    void itCarriesNoModelOfAnOperationBerthNeverCalls() {
        // PruneUnreferencedModels drops what ProGuard keeps of the operations it removed.
        assertThat(entries).contains("software/amazon/awssdk/services/eventbridge/model/PutEventsRequest.class",
                "software/amazon/awssdk/services/ecs/model/DescribeServicesResponse.class");
        assertThat(entries).doesNotContain("software/amazon/awssdk/services/eventbridge/model/ActivateEventSourceRequest.class",
                "software/amazon/awssdk/services/ecs/model/CreateClusterRequest.class",
                "software/amazon/awssdk/services/sfn/model/CreateStateMachineRequest.class");
    }
}
