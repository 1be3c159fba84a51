package dev.berth.sandbox.demo;

import dev.berth.aws.AwsClients;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;

/**
 * Pushes images to the sandbox's ECR the way {@code docker push} ends: a {@code PutImage} of the
 * manifest, by its digest. ECR then sends its "ECR Image Action" event, and the sandbox's EventBridge
 * delivers it to Berth's ECR trigger as the template's rule says; {@link DeploymentWatcher#awaitStarted}
 * finds the deployment the push started.
 */
public final class ImagePusher {

    private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    /** A pushed image: where it lives, its tag, and the digest the registry knows it by. */
    public record PushedImage(String repositoryUri, String tag, String digest) {}

    private final EcrClient ecr;
    private final String account;
    private final String region;

    public ImagePusher(AwsClients clients, String account, String region) {
        this.ecr = clients.configure(EcrClient.builder(), "ECR").build();
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

    /** Pushes a new single-platform image (a unique manifest, so a unique digest) as {@code repositoryName:tag}. */
    public PushedImage push(String repositoryName, String tag) {
        return push(repositoryName, tag, digest -> {});
    }

    /**
     * Pushes a new single-platform image, first handing {@code beforePush} the digest it will have: the
     * moment to say how the image behaves in the sandbox, before ECR's event can start a deployment of it.
     */
    public PushedImage push(String repositoryName, String tag, Consumer<String> beforePush) {
        createRepository(repositoryName);
        String manifest = imageManifest(DOCKER_MANIFEST, "application/vnd.docker.container.image.v1+json",
                "application/vnd.docker.image.rootfs.diff.tar.gzip");
        beforePush.accept(digestOf(manifest));
        return new PushedImage(repositoryUri(repositoryName), tag, put(repositoryName, tag, manifest));
    }

    /**
     * Pushes a multi-architecture image as {@code docker buildx --push} does: each platform's manifest by
     * digest, untagged, then the image index naming them, with the tag. ECR sends an event per PutImage:
     * untagged ones for the platforms, and one with the tag and the index's digest.
     *
     * @param platforms {@code os/architecture} pairs, e.g. {@code linux/amd64}
     */
    public PushedImage pushMultiArch(String repositoryName, String tag, List<String> platforms) {
        createRepository(repositoryName);
        var entries = new StringBuilder();
        for (String platform : platforms) {
            String manifest = imageManifest(OCI_MANIFEST, "application/vnd.oci.image.config.v1+json",
                    "application/vnd.oci.image.layer.v1.tar+gzip");
            String digest = put(repositoryName, null, manifest);
            String[] osArch = platform.split("/", 2);
            entries.append(entries.isEmpty() ? "" : ",").append("""
                    {"mediaType":"%s","size":%d,"digest":"%s","platform":{"architecture":"%s","os":"%s"}}"""
                    .formatted(OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8).length, digest, osArch[1], osArch[0]));
        }
        String index = """
                {"schemaVersion":2,"mediaType":"%s","manifests":[%s]}""".formatted(OCI_INDEX, entries);
        return new PushedImage(repositoryUri(repositoryName), tag, put(repositoryName, tag, index));
    }

    /** Deletes {@code repositoryName:tag} ({@code BatchDeleteImage}); ECR sends a DELETE event for it. */
    public void delete(String repositoryName, String tag) {
        ecr.batchDeleteImage(r -> r.repositoryName(repositoryName).imageIds(id -> id.imageTag(tag)));
    }

    /** PutImage with the digest ECR would compute (sha256 of the manifest's bytes); moto keeps the one it is given. */
    private String put(String repositoryName, String tag, String manifest) {
        String digest = digestOf(manifest);
        return ecr.putImage(r -> r.repositoryName(repositoryName).imageTag(tag).imageManifest(manifest).imageDigest(digest))
                .image().imageId().imageDigest();
    }

    private static String digestOf(String manifest) {
        return "sha256:" + sha256(manifest);
    }

    /** A real image manifest's shape; the config digest is random so every push is a new image. */
    private static String imageManifest(String mediaType, String configMediaType, String layerMediaType) {
        return """
                {"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"%s","size":1470,"digest":"sha256:%s"},\
                "layers":[{"mediaType":"%s","size":3370628,"digest":"sha256:%s"}]}"""
                .formatted(mediaType, configMediaType, sha256(UUID.randomUUID().toString()), layerMediaType,
                        sha256(UUID.randomUUID().toString()));
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
