package dev.berth.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.domain.image.ImageReference;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Upstream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves container images against the sandbox's ECR (moto) as ECS does when a deployment starts: a
 * tag to the digest it points at, a digest to every tag pointing at it, and the platforms the image is
 * built for (which the pull needs to get right). Images of other registries,
 * and images the registry does not hold, stay as their reference says (the sandbox has nothing to pull,
 * so their tasks run anyway).
 */
final class EcrImages {

    private static final System.Logger LOG = System.getLogger(EcrImages.class.getName());
    /** {@code <account>.dkr.ecr.<region>.amazonaws.com}: a private ECR registry. */
    private static final Pattern ECR_REGISTRY = Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");
    private static final String DESCRIBE_IMAGES = "AmazonEC2ContainerRegistry_V20150921.DescribeImages";

    private final Upstream registry;

    /** @param registry where ECR calls go (the gateway's upstream, so they are not counted as Berth's calls) */
    EcrImages(Upstream registry) {
        this.registry = registry;
    }

    /** Every container of {@code definition} with its image resolved. */
    TaskDefinitionInfo resolve(TaskDefinitionInfo definition) {
        return definition.withIdentities(this::resolve);
    }

    ImageIdentity resolve(ImageIdentity image) {
        Optional<ImageReference> parsed = image.parsed();
        Optional<Matcher> ecr = parsed.map(reference -> ECR_REGISTRY.matcher(reference.registry())).filter(Matcher::matches);
        if (ecr.isEmpty()) {
            return image;
        }
        ImageReference reference = parsed.get();
        ObjectNode body = Json.mapper().createObjectNode()
                .put("repositoryName", reference.repository())
                .put("registryId", ecr.get().group(1));
        ObjectNode imageId = body.putArray("imageIds").addObject();
        reference.digest().ifPresentOrElse(digest -> imageId.put("imageDigest", digest),
                () -> imageId.put("imageTag", reference.tag().orElse("latest")));
        try {
            AwsResponse response = registry.send(EmulatorCall.json11("ecr", DESCRIBE_IMAGES, ecr.get().group(2),
                    ecr.get().group(1), body));
            if (response.status() != 200) {
                return image; // ImageNotFoundException, RepositoryNotFoundException: nothing to resolve
            }
            JsonNode details = Json.mapper().readTree(response.body()).path("imageDetails").path(0);
            String digest = details.path("imageDigest").asText("");
            if (digest.isEmpty()) {
                return image;
            }
            Set<String> tags = new HashSet<>();
            details.path("imageTags").forEach(tag -> tags.add(tag.asText()));
            return image.resolvedTo(digest, tags).withPlatforms(new ImagePlatformReader(registry, ecr.get().group(2),
                    ecr.get().group(1), reference.repository()).platforms(digest));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot resolve " + image.reference() + " in the sandbox's ECR", e);
            return image;
        }
    }
}
