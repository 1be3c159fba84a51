package dev.berth.sandbox.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.aws.AwsClients;
import dev.berth.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Pushes images to the sandbox's ECR (moto computes the digest from the manifest) and delivers the
 * "ECR Image Action" event to Berth's ECR trigger function the way an EventBridge rule would.
 */
public final class ImagePusher {

    /** A pushed image and the event ECR would have sent for it. */
    public record PushedImage(String repositoryUri, String tag, String digest, String event) {}

    private final EcrClient ecr;
    private final LambdaClient lambda;
    private final String account;
    private final String region;

    public ImagePusher(AwsClients clients, String account, String region) {
        this.ecr = clients.configure(EcrClient.builder(), "ECR").build();
        this.lambda = clients.configure(LambdaClient.builder(), "LAMBDA").build();
        this.account = account;
        this.region = region;
    }

    public String repositoryUri(String repositoryName) {
        return account + ".dkr.ecr." + region + ".amazonaws.com/" + repositoryName;
    }

    public void createRepository(String repositoryName) {
        try {
            ecr.createRepository(r -> r.repositoryName(repositoryName));
        } catch (RepositoryAlreadyExistsException e) {
            // pushing to an existing repository is the normal case
        }
    }

    /** Pushes a new image (a unique manifest, so a unique digest) as {@code repositoryName:tag}. */
    public PushedImage push(String repositoryName, String tag) {
        createRepository(repositoryName);
        String manifest = manifest(repositoryName, tag);
        String digest = ecr.putImage(r -> r.repositoryName(repositoryName).imageTag(tag).imageManifest(manifest))
                .image().imageId().imageDigest();
        return new PushedImage(repositoryUri(repositoryName), tag, digest, event(repositoryName, tag, digest, "PUSH", "SUCCESS"));
    }

    /** The EventBridge event ECR sends for an image action. */
    public String event(String repositoryName, String tag, String digest, String action, String result) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "0").put("id", UUID.randomUUID().toString()).put("detail-type", "ECR Image Action")
                .put("source", "aws.ecr").put("account", account).put("time", Instant.now().toString()).put("region", region);
        event.putArray("resources");
        ObjectNode detail = event.putObject("detail");
        detail.put("result", result).put("repository-name", repositoryName).put("action-type", action);
        if (digest != null) {
            detail.put("image-digest", digest);
        }
        if (tag != null) {
            detail.put("image-tag", tag);
        }
        return event.toString();
    }

    /** Delivers an event to the ECR trigger function and returns its answer. */
    public String deliver(String event) {
        InvokeResponse response = lambda.invoke(r -> r.functionName("EcrPushFunction").payload(SdkBytes.fromUtf8String(event)));
        String payload = response.payload().asString(StandardCharsets.UTF_8);
        if (response.functionError() != null) {
            throw new IllegalStateException("EcrPushFunction failed: " + payload);
        }
        return payload;
    }

    private static String manifest(String repositoryName, String tag) {
        // A real image manifest's shape; the config digest is random so every push is a new image.
        String configDigest = "sha256:" + sha256(repositoryName + ":" + tag + ":" + UUID.randomUUID());
        return """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",\
                "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1470,"digest":"%s"},\
                "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":3370628,\
                "digest":"sha256:%s"}]}""".formatted(configDigest, sha256(tag));
    }

    private static String sha256(String text) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
