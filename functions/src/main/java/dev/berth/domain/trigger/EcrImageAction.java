package dev.berth.domain.trigger;

import java.time.Instant;
import java.util.Optional;

/**
 * The fields of an ECR "ECR Image Action" EventBridge event that Berth reads.
 *
 * @param eventId the EventBridge event {@code id}
 * @param detailType the event's {@code detail-type}
 * @param actionType {@code detail.action-type}: PUSH or DELETE
 * @param result {@code detail.result}: SUCCESS or FAILURE
 * @param repositoryName {@code detail.repository-name}, e.g. {@code shop/web}
 */
public record EcrImageAction(
        String eventId,
        String source,
        String detailType,
        String account,
        String region,
        Instant time,
        String actionType,
        String result,
        String repositoryName,
        Optional<String> imageTag,
        Optional<String> imageDigest) {

    public EcrImageAction {
        // A deserialiser may leave absent optional fields null; absent means empty here.
        imageTag = imageTag == null ? Optional.empty() : imageTag.filter(tag -> !tag.isBlank());
        imageDigest = imageDigest == null ? Optional.empty() : imageDigest.filter(digest -> !digest.isBlank());
    }
}
