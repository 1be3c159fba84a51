package dev.berth.domain.taskdef;

/** Reading task definition ARNs the way people name revisions. */
public final class TaskDefinitionArns {

    private TaskDefinitionArns() {}

    /** {@code web:8} for {@code arn:aws:ecs:us-east-1:123456789012:task-definition/web:8} (anything else as it is). */
    public static String shortName(String taskDefinitionArn) {
        int slash = taskDefinitionArn.lastIndexOf('/');
        return slash < 0 ? taskDefinitionArn : taskDefinitionArn.substring(slash + 1);
    }

    /** {@code web} for {@code ...task-definition/web:8}. */
    public static String family(String taskDefinitionArn) {
        String name = shortName(taskDefinitionArn);
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }
}
