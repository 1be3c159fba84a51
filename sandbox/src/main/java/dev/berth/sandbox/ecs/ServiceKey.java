package dev.berth.sandbox.ecs;

/** Identifies an ECS service: its cluster's ARN and its name (unique within the cluster). */
public record ServiceKey(String clusterArn, String serviceName) {

    public ServiceKey {
        if (!clusterArn.contains(":cluster/")) {
            throw new IllegalArgumentException("not a cluster ARN: " + clusterArn);
        }
    }

    public String clusterName() {
        return clusterArn.substring(clusterArn.indexOf(":cluster/") + ":cluster/".length());
    }

    /** The region of the cluster ARN ({@code arn:aws:ecs:<region>:<account>:cluster/<name>}). */
    public String region() {
        return clusterArn.split(":")[3];
    }

    public String account() {
        return clusterArn.split(":")[4];
    }

    /** Whether a request's {@code cluster} (a name or an ARN; ECS's default is {@code default}) is this cluster. */
    public boolean inCluster(String clusterReference) {
        return clusterArn.equals(clusterReference) || clusterName().equals(clusterReference);
    }

    /** Whether a request's service reference (a name or an ARN) names this service. */
    public boolean isService(String serviceReference) {
        return serviceName.equals(serviceReference)
                || serviceReference.endsWith("/" + serviceName) && serviceReference.startsWith("arn:");
    }

    @Override
    public String toString() {
        return clusterName() + "/" + serviceName;
    }
}
