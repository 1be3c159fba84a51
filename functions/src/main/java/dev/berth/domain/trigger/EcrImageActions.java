package dev.berth.domain.trigger;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.image.ImageReference;
import dev.berth.domain.trigger.PushDecision.Deploy;
import dev.berth.domain.trigger.PushDecision.Ignore;
import java.util.regex.Pattern;

/** Decides what an ECR image action event means for Berth. */
public final class EcrImageActions {

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-[0-9]+");
    /** ECR names every image by its SHA-256 manifest digest. */
    private static final Pattern ECR_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private EcrImageActions() {}

    /**
     * Deploy for a successful tagged push; Ignore, with the reason, for anything else ECR sends.
     *
     * <p>Events Berth ignores are not checked further: a malformed DELETE should not fail the handler and be retried.
     *
     * @throws InvalidInputException when a push lacks the fields that say which image it was
     */
    public static PushDecision decide(EcrImageAction event) {
        if (!"aws.ecr".equals(event.source()) || !"ECR Image Action".equals(event.detailType())) {
            return new Ignore("not an ECR image action (source=" + event.source() + ", detail-type=" + event.detailType() + ")");
        }
        if (!"PUSH".equals(event.actionType())) {
            return new Ignore("ECR " + event.actionType() + " action: only pushes deploy");
        }
        if (!"SUCCESS".equals(event.result())) {
            return new Ignore("push of " + shown(event) + " did not succeed (result " + event.result() + ")");
        }
        require(event.eventId(), "id", event);
        require(event.account(), "account", event);
        require(event.region(), "region", event);
        require(event.repositoryName(), "detail.repository-name", event);
        if (event.time() == null) {
            throw new InvalidInputException("ECR push event " + event.eventId() + " has no time");
        }
        if (!ACCOUNT.matcher(event.account()).matches()) {
            throw new InvalidInputException("ECR push event " + event.eventId() + ": account '" + event.account() + "' is not a 12-digit AWS account id");
        }
        if (!REGION.matcher(event.region()).matches()) {
            throw new InvalidInputException("ECR push event " + event.eventId() + ": region '" + event.region() + "' is not an AWS region");
        }
        if (event.imageDigest().filter(digest -> !ECR_DIGEST.matcher(digest).matches()).isPresent()) {
            throw new InvalidInputException("ECR push event " + event.eventId() + ": digest '" + event.imageDigest().get()
                    + "' must be 'sha256:' and 64 lower-case hex digits");
        }
        if (event.imageTag().isEmpty()) {
            return new Ignore("push by digest only (no tag): nothing follows an untagged image");
        }
        ImageReference image = new ImageReference(
                registry(event.account(), event.region()), event.repositoryName(), event.imageTag(), event.imageDigest());
        return new Deploy(new ImagePush(image, "ecr", event.eventId(), event.time()));
    }

    /** The ECR registry host of an account and region; China regions live under amazonaws.com.cn. */
    public static String registry(String account, String region) {
        return account + ".dkr.ecr." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : "");
    }

    private static void require(String value, String field, EcrImageAction event) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("ECR push event " + (event.eventId() == null ? "" : event.eventId() + " ")
                    + "of " + shown(event) + " has no " + field);
        }
    }

    private static String shown(EcrImageAction event) {
        String repository = event.repositoryName() == null || event.repositoryName().isBlank()
                ? "(no repository)"
                : event.repositoryName();
        return repository + event.imageTag().map(tag -> ":" + tag)
                .orElseGet(() -> event.imageDigest().map(digest -> "@" + digest).orElse(""));
    }
}
