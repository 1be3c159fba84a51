package dev.berth.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.domain.image.ImageReference;
import dev.berth.domain.taskdef.TaskDefinitionCopy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

class SdkPojoMapsTest {

    private static final TaskDefinition CURRENT = TaskDefinition.builder()
            .taskDefinitionArn("arn:aws:ecs:us-east-1:123456789012:task-definition/web:7").revision(7).status("ACTIVE")
            .family("web").networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE)
            .compatibilities(Compatibility.EC2, Compatibility.FARGATE).cpu("256").memory("512")
            .executionRoleArn("arn:aws:iam::123456789012:role/exec")
            .runtimePlatform(p -> p.operatingSystemFamily("LINUX").cpuArchitecture("ARM64"))
            .volumes(v -> v.name("scratch"), v -> v.name("efs").efsVolumeConfiguration(e -> e.fileSystemId("fs-1").transitEncryption("ENABLED")))
            .containerDefinitions(
                    ContainerDefinition.builder().name("web").image("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1")
                            .essential(true).portMappings(p -> p.containerPort(8080).protocol("tcp"))
                            .secrets(s -> s.name("DB_PASSWORD").valueFrom("arn:aws:secretsmanager:us-east-1:123456789012:secret:db"))
                            .healthCheck(h -> h.command("CMD-SHELL", "curl -f localhost:8080/health").interval(10).retries(3))
                            .dependsOn(d -> d.containerName("envoy").condition("HEALTHY"))
                            .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group", "/ecs/web")))
                            .build(),
                    ContainerDefinition.builder().name("envoy").image("public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29").essential(true)
                            .user("1337").build())
            .build();

    @Test
    void aTaskDefinitionBecomesAMapKeyedByWireNames() {
        Map<String, Object> map = SdkPojoMaps.toMap(CURRENT);

        assertThat(map).containsEntry("family", "web").containsEntry("networkMode", "awsvpc").containsEntry("revision", 7)
                .containsEntry("requiresCompatibilities", List.of("FARGATE"));
        assertThat(map).doesNotContainKeys("placementConstraints", "inferenceAccelerators"); // never set: left out
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> containers = (List<Map<String, Object>>) map.get("containerDefinitions");
        assertThat(containers.getFirst()).containsEntry("name", "web")
                .containsEntry("logConfiguration", Map.of("logDriver", "awslogs", "options", Map.of("awslogs-group", "/ecs/web")));
    }

    @Test
    void aDerivedDefinitionRegistersWithEveryFieldButTheImageUnchanged() {
        ImageReference image = ImageReference.parse("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v2@sha256:" + "a".repeat(64));
        Map<String, Object> derived = TaskDefinitionCopy.derive(SdkPojoMaps.toMap(CURRENT), List.of("web"), image);

        RegisterTaskDefinitionRequest request = SdkPojoMaps.fill(RegisterTaskDefinitionRequest.builder(), derived).build();

        RegisterTaskDefinitionRequest expected = RegisterTaskDefinitionRequest.builder()
                .family("web").networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .executionRoleArn(CURRENT.executionRoleArn()).runtimePlatform(CURRENT.runtimePlatform()).volumes(CURRENT.volumes())
                .containerDefinitions(CURRENT.containerDefinitions().getFirst().toBuilder().image(image.pinned()).build(),
                        CURRENT.containerDefinitions().get(1))
                .build();
        assertThat(request).isEqualTo(expected);
    }

    @Test
    void aValueOfTheWrongShapeIsNamed() {
        assertThatThrownBy(() -> SdkPojoMaps.fill(RegisterTaskDefinitionRequest.builder(), Map.of("runtimePlatform", "LINUX")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runtimePlatform");
        assertThatThrownBy(() -> SdkPojoMaps.fill(RegisterTaskDefinitionRequest.builder(), Map.of("pidMode", "task", "ephemeralStorage", Map.of("sizeInGiB", "lots"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sizeInGiB");
    }
}
