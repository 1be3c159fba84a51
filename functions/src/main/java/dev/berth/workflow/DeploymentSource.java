package dev.berth.workflow;

import dev.berth.domain.InvalidInputException;
import java.util.Optional;

/**
 * What a deployment deploys: a pushed image (a new revision is registered from the service's current
 * one), or an existing task-definition revision (taken as it is: the entry a rollback-to-revision uses).
 * Exactly one of {@code image} and {@code taskDefinitionArn} is given.
 */
public record DeploymentSource(Optional<String> image, Optional<String> tag, Optional<String> digest,
                               Optional<String> taskDefinitionArn) {

    public DeploymentSource {
        image = image == null ? Optional.empty() : image;
        tag = tag == null ? Optional.empty() : tag;
        digest = digest == null ? Optional.empty() : digest;
        taskDefinitionArn = taskDefinitionArn == null ? Optional.empty() : taskDefinitionArn;
        if (image.isPresent() == taskDefinitionArn.isPresent()) {
            throw new InvalidInputException("a deployment source names either an image or a task definition revision, not "
                    + (image.isPresent() ? "both" : "neither"));
        }
    }

    public static DeploymentSource ofImage(String image, Optional<String> tag, Optional<String> digest) {
        return new DeploymentSource(Optional.of(image), tag, digest, Optional.empty());
    }

    public static DeploymentSource ofRevision(String taskDefinitionArn) {
        return new DeploymentSource(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(taskDefinitionArn));
    }
}
