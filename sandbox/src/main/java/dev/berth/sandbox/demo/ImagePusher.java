package dev.berth.sandbox.demo;

import dev.berth.aws.AwsClients;
import dev.berth.domain.InvalidInputException;
import dev.berth.sandbox.ecr.ImagePlatform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;

/**
 * Pushes images to the sandbox's ECR the way {@code docker push} does: each image's config blob through
 * the layer upload API, then a {@code PutImage} of the manifest, by its digest. ECR then sends its "ECR Image Action" event, and the sandbox's EventBridge
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

    /** Pushes a new linux/amd64 image (a unique config, so a unique digest) as {@code repositoryName:tag}. */
    public PushedImage push(String repositoryName, String tag) {
        return push(repositoryName, tag, digest -> {});
    }

    /**
     * Pushes a new linux/amd64 image, first handing {@code beforePush} the digest it will have: the
     * moment to say how the image behaves in the sandbox, before ECR's event can start a deployment of it.
     */
    public PushedImage push(String repositoryName, String tag, Consumer<String> beforePush) {
        return push(repositoryName, tag, ImagePlatform.linuxAmd64().toString(), beforePush);
    }

    /**
     * Pushes a new single-platform image built for {@code platform} ({@code os/architecture[/variant]}, e.g.
     * {@code linux/arm64}) as {@code docker push} does: its config blob through the layer upload, then the
     * manifest naming it (the config's real digest and size), by digest and tag.
     *
     * @throws dev.berth.domain.InvalidInputException when {@code platform} is not {@code os/architecture[/variant]}
     */
    public PushedImage push(String repositoryName, String tag, String platform, Consumer<String> beforePush) {
        ImagePlatform parsed = ImagePlatform.parse(platform);
        createRepository(repositoryName);
        String manifest = imageManifest(repositoryName, parsed, DOCKER_MANIFEST, "application/vnd.docker.container.image.v1+json",
                "application/vnd.docker.image.rootfs.diff.tar.gzip");
        beforePush.accept(digestOf(manifest));
        return new PushedImage(repositoryUri(repositoryName), tag, put(repositoryName, tag, manifest));
    }

    /**
     * Pushes a multi-architecture image as {@code docker buildx --push} does: each platform's config blob
     * and manifest (by digest, untagged), then the image index naming them with their platforms, with the
     * tag. ECR sends an event per PutImage: untagged ones for the platforms, and one with the tag and the
     * index's digest.
     *
     * @param platforms {@code os/architecture[/variant]}, e.g. {@code linux/amd64}, at least one, no repeats
     * @throws dev.berth.domain.InvalidInputException when a platform does not parse, or none or repeats are given
     */
    public PushedImage pushMultiArch(String repositoryName, String tag, List<String> platforms) {
        List<ImagePlatform> parsed = platforms.stream().map(ImagePlatform::parse).toList();
        if (parsed.isEmpty() || parsed.stream().distinct().count() != parsed.size()) {
            throw new InvalidInputException("a multi-architecture image needs one or more distinct platforms, got " + platforms);
        }
        createRepository(repositoryName);
        var entries = new StringBuilder();
        for (ImagePlatform platform : parsed) {
            String manifest = imageManifest(repositoryName, platform, OCI_MANIFEST, "application/vnd.oci.image.config.v1+json",
                    "application/vnd.oci.image.layer.v1.tar+gzip");
            String digest = put(repositoryName, null, manifest);
            entries.append(entries.isEmpty() ? "" : ",").append("""
                    {"mediaType":"%s","size":%d,"digest":"%s","platform":%s}"""
                    .formatted(OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8).length, digest, platformJson(platform)));
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

    /**
     * An image manifest naming a freshly uploaded config for {@code platform}; the config carries a random
     * label, so every push is a new image. The layer is named only (its bytes would be megabytes of nothing).
     */
    private String imageManifest(String repositoryName, ImagePlatform platform, String mediaType, String configMediaType,
                                 String layerMediaType) {
        String diffId = "sha256:" + sha256(UUID.randomUUID().toString());
        String config = """
                {"architecture":"%s","os":"%s",%s"config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],\
                "Cmd":["/app/server"],"Labels":{"dev.berth.sandbox.push":"%s"}},"rootfs":{"type":"layers","diff_ids":["%s"]}}"""
                .formatted(platform.architecture(), platform.os(),
                        platform.variant().map(v -> "\"variant\":\"" + v + "\",").orElse(""), UUID.randomUUID(), diffId);
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        String configDigest = upload(repositoryName, configBytes);
        return """
                {"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"%s","size":%d,"digest":"%s"},\
                "layers":[{"mediaType":"%s","size":3370628,"digest":"sha256:%s"}]}"""
                .formatted(mediaType, configMediaType, configBytes.length, configDigest, layerMediaType,
                        sha256(UUID.randomUUID().toString()));
    }

    /** Uploads a blob unless the repository has it (docker checks first too); its digest. */
    private String upload(String repositoryName, byte[] blob) {
        String digest = "sha256:" + sha256(blob);
        boolean present = !ecr.batchCheckLayerAvailability(r -> r.repositoryName(repositoryName).layerDigests(digest))
                .layers().isEmpty();
        if (!present) {
            String uploadId = ecr.initiateLayerUpload(r -> r.repositoryName(repositoryName)).uploadId();
            ecr.uploadLayerPart(r -> r.repositoryName(repositoryName).uploadId(uploadId).partFirstByte(0L)
                    .partLastByte((long) blob.length - 1).layerPartBlob(SdkBytes.fromByteArray(blob)));
            ecr.completeLayerUpload(r -> r.repositoryName(repositoryName).uploadId(uploadId).layerDigests(digest));
        }
        return digest;
    }

    private static String platformJson(ImagePlatform platform) {
        return """
                {"architecture":"%s","os":"%s"%s}""".formatted(platform.architecture(), platform.os(),
                platform.variant().map(v -> ",\"variant\":\"" + v + "\"").orElse(""));
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
