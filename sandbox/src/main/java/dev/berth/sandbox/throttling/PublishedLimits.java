package dev.berth.sandbox.throttling;

import java.util.Map;
import java.util.Optional;

/**
 * The per-account, per-Region token buckets AWS publishes for the APIs Berth calls, and the error each
 * service answers a throttled call with. Each action gets a bucket of its own with its group's figures.
 *
 * <p>Sources: "Request throttling for the Amazon ECS API" (ECS API reference): cluster reads 50 burst /
 * 20 sustained; the other read groups 20 sustained (their 100 burst, and the modification groups' figures,
 * are as the page's table gives them to the best of our reading; check it before relying on them).
 * "Request throttling for the ELB API": non-mutating {@code Describe*} 40 burst / 10 sustained; mutating
 * actions lower. Step Functions' API quotas (us-east-1) for StartExecution and the task-token calls.
 *
 * <p>Not limited here: DynamoDB (its limits are table capacity, not calls per second: on-demand tables
 * absorb Berth's few items per step), Lambda (concurrency, not calls per second), EventBridge PutEvents
 * (10,000 per second in the large Regions, far above Berth's one event per deployment step), ECR reads of
 * pushed images (thousands per second), CloudWatch (only blue/green alarms read it) and the calls the
 * bench's setup makes.
 */
public final class PublishedLimits {

    /** How a service says "throttled": HTTP status, error code and message, as its SDK parses them. */
    public record ThrottlingError(int status, String code, String message) {}

    private static final RateLimit ECS_CLUSTER_READ = new RateLimit(50, 20);
    private static final RateLimit ECS_READ = new RateLimit(100, 20);
    private static final RateLimit ECS_SERVICE_WRITE = new RateLimit(50, 5);
    private static final RateLimit ECS_TASK_DEFINITION_WRITE = new RateLimit(50, 1);
    private static final RateLimit ELB_DESCRIBE = new RateLimit(40, 10);
    private static final RateLimit ELB_MODIFY = new RateLimit(20, 5);

    private static final Map<String, Map<String, RateLimit>> LIMITS = Map.of(
            "ecs", Map.ofEntries(
                    Map.entry("DescribeClusters", ECS_CLUSTER_READ),
                    Map.entry("ListClusters", ECS_CLUSTER_READ),
                    Map.entry("DescribeServices", ECS_READ),
                    Map.entry("ListServices", ECS_READ),
                    Map.entry("DescribeTasks", ECS_READ),
                    Map.entry("ListTasks", ECS_READ),
                    Map.entry("DescribeContainerInstances", ECS_READ),
                    Map.entry("DescribeTaskDefinition", ECS_READ),
                    Map.entry("UpdateService", ECS_SERVICE_WRITE),
                    Map.entry("CreateService", ECS_SERVICE_WRITE),
                    Map.entry("DeleteService", ECS_SERVICE_WRITE),
                    Map.entry("RegisterTaskDefinition", ECS_TASK_DEFINITION_WRITE),
                    Map.entry("DeregisterTaskDefinition", ECS_TASK_DEFINITION_WRITE)),
            "elasticloadbalancing", Map.of(
                    "DescribeTargetHealth", ELB_DESCRIBE,
                    "DescribeListeners", ELB_DESCRIBE,
                    "DescribeRules", ELB_DESCRIBE,
                    "DescribeTargetGroups", ELB_DESCRIBE,
                    "DescribeLoadBalancers", ELB_DESCRIBE,
                    "ModifyListener", ELB_MODIFY,
                    "ModifyRule", ELB_MODIFY),
            "states", Map.of(
                    "StartExecution", new RateLimit(1300, 300),
                    "DescribeExecution", new RateLimit(250, 25),
                    "SendTaskSuccess", new RateLimit(1500, 500),
                    "SendTaskFailure", new RateLimit(1500, 500)));

    private static final Map<String, ThrottlingError> ERRORS = Map.of(
            "ecs", new ThrottlingError(400, "ThrottlingException", "Rate exceeded"),
            // ELBv2's query protocol answers <Code>Throttling</Code>, which the SDKs and CLI show.
            "elasticloadbalancing", new ThrottlingError(400, "Throttling", "Rate exceeded"),
            "states", new ThrottlingError(400, "ThrottlingException", "Rate exceeded"));

    private PublishedLimits() {}

    /** The bucket figures for {@code service}'s {@code action}, if AWS limits it by calls per second. */
    public static Optional<RateLimit> of(String service, String action) {
        return Optional.ofNullable(LIMITS.getOrDefault(service, Map.of()).get(action));
    }

    /** What {@code service} answers a throttled call with ({@code ThrottlingException} 400 unless it says otherwise). */
    public static ThrottlingError errorOf(String service) {
        return ERRORS.getOrDefault(service, new ThrottlingError(400, "ThrottlingException", "Rate exceeded"));
    }
}
