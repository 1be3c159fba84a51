package dev.berth.domain.taskdef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.domain.InvalidInputException;
import dev.berth.domain.image.ImageReference;
import dev.berth.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskDefinitionCopyTest {

    private static final String WEB_REPO = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web";
    private static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final ImageReference NEW_WEB = ImageReference.parse(WEB_REPO + ":v1.4.3@" + DIGEST);

    /** A task definition as DescribeTaskDefinition returns it: app container, envoy sidecar, log router. */
    static final String DESCRIBED = """
            {
              "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
              "containerDefinitions": [
                {
                  "name": "web",
                  "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1.4.2",
                  "cpu": 0,
                  "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp", "name": "http", "appProtocol": "http"}],
                  "essential": true,
                  "environment": [{"name": "SPRING_PROFILES_ACTIVE", "value": "prod"}, {"name": "RATIO", "value": "0.75"}],
                  "mountPoints": [{"sourceVolume": "tmp", "containerPath": "/tmp", "readOnly": false}],
                  "volumesFrom": [],
                  "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/db-AbCdEf:password::"}],
                  "dependsOn": [{"containerName": "envoy", "condition": "HEALTHY"}],
                  "logConfiguration": {
                    "logDriver": "awsfirelens",
                    "options": {"Name": "cloudwatch_logs", "region": "us-east-1", "log_group_name": "/shop/web", "auto_create_group": "true"},
                    "secretOptions": []
                  },
                  "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"], "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 60},
                  "ulimits": [{"name": "nofile", "softLimit": 65536, "hardLimit": 65536}],
                  "stopTimeout": 30,
                  "systemControls": []
                },
                {
                  "name": "envoy",
                  "image": "840364872350.dkr.ecr.us-east-1.amazonaws.com/aws-appmesh-envoy:v1.29.4.0-prod",
                  "cpu": 256,
                  "memoryReservation": 128,
                  "essential": true,
                  "user": "1337",
                  "environment": [{"name": "APPMESH_RESOURCE_ARN", "value": "arn:aws:appmesh:us-east-1:123456789012:mesh/shop/virtualNode/web"}],
                  "healthCheck": {"command": ["CMD-SHELL", "curl -s http://localhost:9901/server_info | grep state | grep -q LIVE"], "interval": 5, "timeout": 2, "retries": 3, "startPeriod": 10}
                },
                {
                  "name": "log_router",
                  "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
                  "essential": false,
                  "firelensConfiguration": {"type": "fluentbit", "options": {"enable-ecs-log-metadata": "true"}},
                  "memoryReservation": 50
                }
              ],
              "family": "web",
              "taskRoleArn": "arn:aws:iam::123456789012:role/web-task",
              "executionRoleArn": "arn:aws:iam::123456789012:role/web-execution",
              "networkMode": "awsvpc",
              "revision": 7,
              "volumes": [
                {"name": "tmp", "host": {}},
                {"name": "efs-data", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "rootDirectory": "/", "transitEncryption": "ENABLED"}}
              ],
              "status": "ACTIVE",
              "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.ecr-auth"}, {"name": "ecs.capability.secrets.asm.environment-variables"}],
              "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"}],
              "compatibilities": ["EC2", "FARGATE"],
              "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
              "requiresCompatibilities": ["FARGATE"],
              "cpu": "1024",
              "memory": "2048",
              "ephemeralStorage": {"sizeInGiB": 30},
              "registeredAt": "2025-11-16T01:54:34.123Z",
              "registeredBy": "arn:aws:sts::123456789012:assumed-role/berth/deployer",
              "tags": [{"key": "team", "value": "shop"}, {"key": "cost-centre", "value": "1234"}]
            }
            """;

    static Map<String, Object> described() {
        try {
            return Json.mapper().readValue(DESCRIBED, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(Map<String, Object> definition) {
        return (List<Map<String, Object>>) definition.get("containerDefinitions");
    }

    @Test
    void onlyTheNamedContainersImageChanges() {
        Map<String, Object> current = described();

        Map<String, Object> next = TaskDefinitionCopy.derive(current, List.of("web"), NEW_WEB);

        assertThat(containers(next).get(0)).containsEntry("image", WEB_REPO + "@" + DIGEST);
        Map<String, Object> expectedWeb = new LinkedHashMap<>(containers(current).get(0));
        expectedWeb.put("image", WEB_REPO + "@" + DIGEST);
        assertThat(json(containers(next).get(0))).isEqualTo(json(expectedWeb));
        assertThat(json(containers(next).get(1))).isEqualTo(json(containers(current).get(1)));
        assertThat(json(containers(next).get(2))).isEqualTo(json(containers(current).get(2)));
    }

    @Test
    void everyOtherFieldSurvivesByteForByteAndReadOnlyFieldsAreDropped() {
        Map<String, Object> current = described();

        Map<String, Object> next = TaskDefinitionCopy.derive(current, List.of("web"), NEW_WEB);

        assertThat(next).doesNotContainKeys(TaskDefinitionCopy.READ_ONLY_FIELDS.toArray(String[]::new));
        assertThat(next.keySet()).containsExactly(
                "containerDefinitions", "family", "taskRoleArn", "executionRoleArn", "networkMode", "volumes",
                "placementConstraints", "runtimePlatform", "requiresCompatibilities", "cpu", "memory",
                "ephemeralStorage", "tags");
        for (String key : next.keySet()) {
            if (!key.equals("containerDefinitions")) {
                assertThat(json(next.get(key))).as(key).isEqualTo(json(current.get(key)));
            }
        }
    }

    @Test
    void theWholeResultIsTheInputWithOneImageSwappedAndReadOnlyFieldsRemoved() {
        Map<String, Object> next = TaskDefinitionCopy.derive(described(), List.of("web"), NEW_WEB);

        String expected = json(described())
                .replace("\"image\":\"" + WEB_REPO + ":v1.4.2\"", "\"image\":\"" + WEB_REPO + "@" + DIGEST + "\"")
                .replace("\"taskDefinitionArn\":\"arn:aws:ecs:us-east-1:123456789012:task-definition/web:7\",", "")
                .replace(",\"revision\":7", "")
                .replace(",\"status\":\"ACTIVE\",\"requiresAttributes\":[{\"name\":\"com.amazonaws.ecs.capability.ecr-auth\"},{\"name\":\"ecs.capability.secrets.asm.environment-variables\"}]", "")
                .replace(",\"compatibilities\":[\"EC2\",\"FARGATE\"]", "")
                .replace(",\"registeredAt\":\"2025-11-16T01:54:34.123Z\",\"registeredBy\":\"arn:aws:sts::123456789012:assumed-role/berth/deployer\"", "");
        assertThat(json(next)).isEqualTo(expected);
    }

    @Test
    void neverChangesTheInputAndSharesNothingWithIt() {
        Map<String, Object> current = described();
        String before = json(current);

        Map<String, Object> next = TaskDefinitionCopy.derive(current, List.of("web", "envoy"), NEW_WEB);
        containers(next).get(1).put("cpu", 1);
        ((List<?>) next.get("tags")).clear();

        assertThat(json(current)).isEqualTo(before);
    }

    @Test
    void anEmptyContainerListSelectsEveryContainerRunningTheRepository() {
        Map<String, Object> current = described();

        Map<String, Object> next = TaskDefinitionCopy.derive(current, List.of(), NEW_WEB);

        assertThat(containers(next)).extracting(c -> c.get("image")).containsExactly(
                WEB_REPO + "@" + DIGEST,
                "840364872350.dkr.ecr.us-east-1.amazonaws.com/aws-appmesh-envoy:v1.29.4.0-prod",
                "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable");
    }

    @Test
    void pinsByTagWhenTheDigestIsUnknown() {
        ImageReference byTag = ImageReference.parse("840364872350.dkr.ecr.us-east-1.amazonaws.com/aws-appmesh-envoy:v1.30.0.0-prod");

        Map<String, Object> next = TaskDefinitionCopy.derive(described(), List.of(), byTag);

        assertThat(containers(next).get(1)).containsEntry("image", byTag.toString());
        assertThat(containers(next).get(0)).containsEntry("image", WEB_REPO + ":v1.4.2");
    }

    @Test
    void aMissingNamedContainerIsAnError() {
        assertThatThrownBy(() -> TaskDefinitionCopy.derive(described(), List.of("web", "api"), NEW_WEB))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("task definition web:7 has no container named 'api' (containers: web, envoy, log_router)");
    }

    @Test
    void noContainerRunningTheRepositoryIsAnError() {
        ImageReference other = ImageReference.parse("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api:v2");

        assertThatThrownBy(() -> TaskDefinitionCopy.derive(described(), List.of(), other))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("task definition web:7 has no container running 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api"
                        + " (containers: web runs 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1.4.2,"
                        + " envoy runs 840364872350.dkr.ecr.us-east-1.amazonaws.com/aws-appmesh-envoy:v1.29.4.0-prod,"
                        + " log_router runs public.ecr.aws/aws-observability/aws-for-fluent-bit:stable)");
    }

    @Test
    void aDefinitionWithoutContainersIsAnError() {
        Map<String, Object> empty = new LinkedHashMap<>(Map.of("family", "web"));

        assertThatThrownBy(() -> TaskDefinitionCopy.derive(empty, List.of("web"), NEW_WEB))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("task definition web has no containerDefinitions");
        assertThatThrownBy(() -> TaskDefinitionCopy.derive(null, List.of("web"), NEW_WEB))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("no task definition given");
    }

    @Test
    void containersRunningComparesNormalisedRepositoriesAndSkipsUnparseableImages() {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("family", "proxy");
        List<Object> containers = new ArrayList<>();
        containers.add(Map.of("name", "a", "image", "nginx:1.27"));
        containers.add(Map.of("name", "b", "image", "docker.io/library/nginx@" + DIGEST));
        containers.add(Map.of("name", "c", "image", "${NGINX_IMAGE}"));
        containers.add(Map.of("name", "d", "image", "acme/nginx:1"));
        containers.add(Map.of("name", "e"));
        containers.add("not a container");
        definition.put("containerDefinitions", containers);

        assertThat(TaskDefinitionCopy.containersRunning(definition, "docker.io/library/nginx")).containsExactly("a", "b");
        assertThat(TaskDefinitionCopy.containersRunning(definition, "nginx")).containsExactly("a", "b");
        assertThat(TaskDefinitionCopy.containersRunning(definition, "docker.io/acme/nginx")).containsExactly("d");
        assertThat(TaskDefinitionCopy.containersRunning(definition, "ghcr.io/acme/nginx")).isEmpty();

        Map<String, Object> next = TaskDefinitionCopy.derive(definition, List.of(), ImageReference.parse("nginx:1.28"));
        assertThat(containers(next)).hasSize(6);
        assertThat(((List<?>) next.get("containerDefinitions")).get(5)).isEqualTo("not a container");
        assertThat(containers(next).get(2)).containsEntry("image", "${NGINX_IMAGE}");
        assertThat(containers(next).get(0)).containsEntry("image", "docker.io/library/nginx:1.28");
    }

    @Test
    void readOnlyFieldsAreExactlyTheOnesEcsSets() {
        assertThat(TaskDefinitionCopy.READ_ONLY_FIELDS).containsExactlyInAnyOrder(
                "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
                "registeredAt", "registeredBy", "deregisteredAt");
    }
}
