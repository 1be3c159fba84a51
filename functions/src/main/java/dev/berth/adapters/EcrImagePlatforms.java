package dev.berth.adapters;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.image.ImageReference;
import dev.berth.domain.platform.ImageManifests;
import dev.berth.domain.platform.ImagePlatforms;
import dev.berth.ports.AwsCallException;
import dev.berth.ports.ImageRegistry;
import dev.berth.ports.TransientAwsException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/**
 * Reads an ECR image's platforms as {@code docker pull} would find them: {@code BatchGetImage} accepting
 * indexes first (ECR otherwise hands a client that accepts only single manifests one platform's), then,
 * for a single-platform image, its config blob through {@code GetDownloadUrlForLayer} and a plain GET of
 * the URL ECR returns (a presigned S3 URL; the sandbox serves its own).
 */
public final class EcrImagePlatforms implements ImageRegistry {

    /** {@code <account>.dkr.ecr.<region>.amazonaws.com}: a private ECR registry. */
    private static final Pattern ECR_REGISTRY = Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");
    private static final Duration BLOB_TIMEOUT = Duration.ofSeconds(10);

    private final Function<String, EcrClient> ecrInRegion;
    private final HttpClient http;

    /** @param ecrInRegion an ECR client for a region: images may live in another region than Berth */
    public EcrImagePlatforms(Function<String, EcrClient> ecrInRegion) {
        this.ecrInRegion = ecrInRegion;
        this.http = HttpClient.newBuilder().connectTimeout(BLOB_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public ImagePlatforms platforms(ImageReference image) {
        Matcher ecr = ECR_REGISTRY.matcher(image.registry());
        if (!ecr.matches()) {
            return new ImagePlatforms.Unknown(image.registry() + " is not an ECR registry, whose images Berth reads");
        }
        EcrClient client = ecrInRegion.apply(ecr.group(2));
        String registryId = ecr.group(1);
        ImageIdentifier id = image.digest().map(d -> ImageIdentifier.builder().imageDigest(d).build())
                .orElseGet(() -> ImageIdentifier.builder().imageTag(image.tag().orElse("latest")).build());
        try {
            BatchGetImageResponse response = AwsCalls.call("BatchGetImage " + image.repository(), () -> client.batchGetImage(r -> r
                    .registryId(registryId).repositoryName(image.repository()).imageIds(id).acceptedMediaTypes(ImageManifests.ACCEPTED)));
            Optional<Image> found = response.images().stream().filter(i -> i.imageManifest() != null).findFirst();
            if (found.isEmpty()) {
                return new ImagePlatforms.Unknown("ECR did not return the manifest" + response.failures().stream().findFirst()
                        .map(f -> " (" + f.failureCodeAsString() + ": " + f.failureReason() + ")").orElse(""));
            }
            return switch (ImageManifests.read(found.get().imageManifest(), Optional.ofNullable(found.get().imageManifestMediaType()))) {
                case ImageManifests.Read.Index index -> new ImagePlatforms.Known(index.platforms(), "image index");
                case ImageManifests.Read.SingleImage single -> configPlatform(client, registryId, image.repository(), single.configDigest());
            };
        } catch (TransientAwsException e) {
            throw e;
        } catch (AwsCallException | InvalidInputException e) {
            // No permission, a repository gone, a manifest Berth cannot read: the check cannot be made.
            return new ImagePlatforms.Unknown(e.getMessage());
        }
    }

    private ImagePlatforms configPlatform(EcrClient client, String registryId, String repository, String configDigest) {
        String url = AwsCalls.call("GetDownloadUrlForLayer " + repository + " " + configDigest, () -> client.getDownloadUrlForLayer(r -> r
                .registryId(registryId).repositoryName(repository).layerDigest(configDigest))).downloadUrl();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(BLOB_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TransientAwsException("downloading the config blob " + configDigest + " of " + repository + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientAwsException("interrupted downloading the config blob of " + repository, e);
        }
        if (response.statusCode() >= 500) {
            throw new TransientAwsException("the config blob " + configDigest + " of " + repository + " answered " + response.statusCode(), null);
        }
        if (response.statusCode() != 200) {
            return new ImagePlatforms.Unknown("the config blob " + configDigest + " answered HTTP " + response.statusCode());
        }
        return new ImagePlatforms.Known(List.of(ImageManifests.config(response.body())), "image config");
    }
}
