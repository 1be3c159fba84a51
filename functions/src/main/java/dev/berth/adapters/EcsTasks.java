package dev.berth.adapters;

import dev.berth.domain.health.TaskView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Reads a service's tasks (ListTasks, then DescribeTasks 100 at a time) into {@link TaskView}s, with
 * where each task's load-balancer targets can be: its ENI's IP in awsvpc mode, or its container
 * instance's EC2 instance with each host port in bridge and host modes.
 */
final class EcsTasks {

    /** DescribeTasks takes at most 100 tasks a call. */
    private static final int DESCRIBE_BATCH = 100;

    private EcsTasks() {}

    static List<TaskView> of(EcsClient ecs, String cluster, String service, boolean stoppedToo) {
        List<String> arns = new ArrayList<>(list(ecs, cluster, service, DesiredStatus.RUNNING));
        if (stoppedToo) {
            arns.addAll(list(ecs, cluster, service, DesiredStatus.STOPPED));
        }
        List<Task> tasks = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += DESCRIBE_BATCH) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + DESCRIBE_BATCH));
            tasks.addAll(AwsCalls.call("DescribeTasks " + cluster + "/" + service,
                    () -> ecs.describeTasks(r -> r.cluster(cluster).tasks(batch)).tasks()));
        }
        Map<String, String> instances = instanceIds(ecs, cluster, tasks);
        return tasks.stream().map(task -> view(task, instances)).toList();
    }

    private static List<String> list(EcsClient ecs, String cluster, String service, DesiredStatus status) {
        return AwsCalls.call("ListTasks " + cluster + "/" + service + " " + status, () -> ecs.listTasksPaginator(r -> r
                .cluster(cluster).serviceName(service).desiredStatus(status)).taskArns().stream().toList());
    }

    /** EC2 instance ids of the container instances that bridge- or host-mode tasks run on. */
    private static Map<String, String> instanceIds(EcsClient ecs, String cluster, List<Task> tasks) {
        List<String> containerInstances = tasks.stream()
                .filter(task -> privateIp(task).isEmpty() && task.containerInstanceArn() != null)
                .map(Task::containerInstanceArn).distinct().toList();
        Map<String, String> ids = new LinkedHashMap<>();
        if (!containerInstances.isEmpty()) {
            AwsCalls.call("DescribeContainerInstances " + cluster, () -> ecs.describeContainerInstances(r -> r
                    .cluster(cluster).containerInstances(containerInstances)).containerInstances())
                    .forEach(instance -> ids.put(instance.containerInstanceArn(), instance.ec2InstanceId()));
        }
        return ids;
    }

    private static TaskView view(Task task, Map<String, String> instances) {
        List<TaskView.Endpoint> endpoints = new ArrayList<>();
        privateIp(task).ifPresent(ip -> endpoints.add(new TaskView.Endpoint(ip, 0)));
        Optional.ofNullable(task.containerInstanceArn()).map(instances::get).ifPresent(instance -> task.containers().stream()
                .flatMap(container -> container.networkBindings().stream())
                .map(NetworkBinding::hostPort)
                .filter(port -> port != null && port > 0)
                .forEach(port -> endpoints.add(new TaskView.Endpoint(instance, port))));
        return new TaskView(task.taskArn(), task.taskDefinitionArn(), String.valueOf(task.lastStatus()),
                String.valueOf(task.desiredStatus()), Optional.ofNullable(task.startedAt()), Optional.ofNullable(task.stoppedAt()),
                Optional.ofNullable(task.stopCodeAsString()), Optional.ofNullable(task.stoppedReason()), endpoints,
                task.containers().stream().map(EcsTasks::container).toList(), Optional.ofNullable(task.createdAt()),
                Optional.ofNullable(task.healthStatusAsString()));
    }

    private static TaskView.ContainerView container(Container container) {
        return new TaskView.ContainerView(container.name(), Optional.ofNullable(container.exitCode()),
                Optional.ofNullable(container.reason()), Optional.ofNullable(container.imageDigest()),
                Optional.ofNullable(container.healthStatusAsString()));
    }

    /** The IP of the task's elastic network interface (awsvpc network mode). */
    private static Optional<String> privateIp(Task task) {
        return task.attachments().stream()
                .filter(attachment -> "ElasticNetworkInterface".equals(attachment.type()))
                .map(Attachment::details)
                .flatMap(List::stream)
                .filter(detail -> "privateIPv4Address".equals(detail.name()))
                .map(KeyValuePair::value)
                .filter(value -> value != null && !value.isBlank())
                .findFirst();
    }
}
