package dev.berth.ports;

import java.util.Map;

/** The ECS calls a deployment makes. */
public interface EcsServices {

    ServiceState describeService(String cluster, String service);

    TaskDefinitionDocument describeTaskDefinition(String taskDefinitionArn);

    /** Registers a new revision and returns its ARN. */
    String registerTaskDefinition(Map<String, Object> definition, Map<String, String> tags);

    void updateService(String cluster, String service, String taskDefinitionArn);
}
