package dev.berth.sandbox.ecr;

import dev.berth.sandbox.gateway.ControlResponses;
import dev.berth.sandbox.gateway.FormParameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The sandbox's stand-in for the presigned S3 URLs GetDownloadUrlForLayer answers with:
 * {@code http://<gateway>/_berth/ecr/blobs/<region>/<registryId>/<repository>/<digest>?X-Amz-Date=...&X-Amz-Expires=3600}.
 * Like a presigned URL it needs no credentials and stops working once it has expired.
 */
final class BlobUrls {

    static final String PREFIX = "/_berth/ecr/blobs/";
    /** How long a download URL works; an hour, a presigned URL's usual lifetime. */
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** One blob a URL names, and until when it may be fetched. */
    record Target(LayerStore.Repository repository, String digest, Instant expiresAt) {}

    private BlobUrls() {}

    static String url(String hostAndPort, LayerStore.Repository repository, String digest, Instant now) {
        return "http://" + hostAndPort + PREFIX + repository.region() + "/" + repository.registryId() + "/"
                + repository.name() + "/" + URLEncoder.encode(digest, StandardCharsets.UTF_8)
                + "?X-Amz-Date=" + AMZ_DATE.format(now) + "&X-Amz-Expires=" + LIFETIME.toSeconds();
    }

    /** The blob a path and query under {@link #PREFIX} name; empty when they are not such a URL. */
    static Optional<Target> parse(String rawPath, String rawQuery) {
        String[] parts = rawPath.substring(PREFIX.length()).split("/");
        if (parts.length < 4) {
            return Optional.empty();
        }
        String region = parts[0];
        String registryId = parts[1];
        String repository = String.join("/", java.util.Arrays.copyOfRange(parts, 2, parts.length - 1));
        String digest = ControlResponses.decoded(parts[parts.length - 1]);
        FormParameters query = FormParameters.of(rawQuery);
        try {
            Instant signed = Instant.from(AMZ_DATE.parse(query.first("X-Amz-Date").orElse("")));
            long seconds = Long.parseLong(query.first("X-Amz-Expires").orElse(""));
            return Optional.of(new Target(new LayerStore.Repository(registryId, region, repository), digest,
                    signed.plusSeconds(seconds)));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
