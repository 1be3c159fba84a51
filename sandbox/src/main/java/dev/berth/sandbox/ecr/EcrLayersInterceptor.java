package dev.berth.sandbox.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.sandbox.gateway.AwsRequest;
import dev.berth.sandbox.gateway.AwsResponse;
import dev.berth.sandbox.gateway.Interceptor;
import dev.berth.sandbox.gateway.Upstream;
import dev.berth.sandbox.template.AwsLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of ECR's API moto leaves out (it raises NotImplementedError): the layer upload
 * ({@code InitiateLayerUpload}, {@code UploadLayerPart}, {@code CompleteLayerUpload}),
 * {@code BatchCheckLayerAvailability} and {@code GetDownloadUrlForLayer}, answered from a
 * {@link LayerStore} with ECR's fields and errors; the download URLs it hands out are served under
 * {@code /_berth/ecr/blobs/} to a plain GET, like presigned S3 URLs. It also watches {@code PutImage}
 * (the blobs an accepted manifest names become downloadable, as ECR serves only layers an image
 * references) and fills in {@code imageManifestMediaType} in moto's {@code BatchGetImage} answers.
 */
public final class EcrLayersInterceptor implements Interceptor {

    private static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    private static final Pattern SCOPE_REGION = Pattern.compile("Credential=[^/,\\s]+/[0-9]{8}/([^/]+)/");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    /** The part size InitiateLayerUpload answers with (ECR suggests 10 MiB parts). */
    static final long PART_SIZE = 10L * 1024 * 1024;

    private final LayerStore store;
    private final Clock clock;

    public EcrLayersInterceptor(LayerStore store) {
        this(store, Clock.systemUTC());
    }

    EcrLayersInterceptor(LayerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<AwsResponse> handle(AwsRequest request, Upstream next) throws IOException {
        if (request.path().startsWith(BlobUrls.PREFIX)) {
            return Optional.of(download(request));
        }
        if (!request.service().equals("ecr") || request.action().isEmpty()) {
            return Optional.empty();
        }
        JsonNode body = request.body().length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(request.body());
        return switch (request.action().get()) {
            case "InitiateLayerUpload" -> Optional.of(inRepository(request, body, next, this::initiate));
            case "UploadLayerPart" -> Optional.of(inRepository(request, body, next, this::uploadPart));
            case "CompleteLayerUpload" -> Optional.of(inRepository(request, body, next, this::complete));
            case "BatchCheckLayerAvailability" -> Optional.of(inRepository(request, body, next, this::checkAvailability));
            case "GetDownloadUrlForLayer" -> Optional.of(inRepository(request, body, next, this::downloadUrl));
            case "PutImage" -> Optional.of(markReferenced(request, body, next.send(request)));
            case "BatchGetImage" -> Optional.of(ManifestMediaTypes.fillIn(next.send(request)));
            default -> Optional.empty();
        };
    }

    /** One layer action, on a repository moto holds. */
    @FunctionalInterface
    private interface RepositoryAction {
        AwsResponse apply(LayerStore.Repository repository, JsonNode body, AwsRequest request);
    }

    private AwsResponse inRepository(AwsRequest request, JsonNode body, Upstream next, RepositoryAction action)
            throws IOException {
        String name = body.path("repositoryName").asText("");
        if (name.isEmpty()) {
            return EcrErrors.invalidParameter("repositoryName is required");
        }
        LayerStore.Repository repository = repository(request, body);
        if (!repositoryExists(request, repository, next)) {
            return EcrErrors.error("RepositoryNotFoundException", "The repository with name '" + name
                    + "' does not exist in the registry with id '" + repository.registryId() + "'");
        }
        return action.apply(repository, body, request);
    }

    private AwsResponse initiate(LayerStore.Repository repository, JsonNode body, AwsRequest request) {
        return ok(answer(repository).put("uploadId", store.initiate(repository)).put("partSize", PART_SIZE));
    }

    private AwsResponse uploadPart(LayerStore.Repository repository, JsonNode body, AwsRequest request) {
        String uploadId = body.path("uploadId").asText("");
        Optional<LayerStore.Upload> found = store.upload(uploadId, repository);
        if (found.isEmpty()) {
            return uploadNotFound(uploadId, repository);
        }
        byte[] part;
        try {
            part = Base64.getDecoder().decode(body.path("layerPartBlob").asText(""));
        } catch (IllegalArgumentException e) {
            return EcrErrors.invalidParameter("layerPartBlob is not base64: " + e.getMessage());
        }
        LayerStore.Upload upload = found.get();
        synchronized (upload) {
            long received = upload.bytes.size();
            long first = body.path("partFirstByte").asLong(-1);
            long last = body.path("partLastByte").asLong(-1);
            // Parts come in order, each starting right after the last byte received, and say their own length.
            if (part.length == 0 || first != received || last != first + part.length - 1) {
                ObjectNode error = Json.mapper().createObjectNode()
                        .put("__type", "InvalidLayerPartException")
                        .put("message", "The layer part [" + first + ", " + last + "] of upload " + uploadId
                                + " does not follow the last valid byte received (" + (received - 1) + ") or does not match"
                                + " the " + part.length + " bytes sent")
                        .put("registryId", repository.registryId())
                        .put("repositoryName", repository.name())
                        .put("uploadId", uploadId)
                        .put("lastValidByteReceived", received - 1);
                return new AwsResponse(400, Map.of("content-type", List.of("application/x-amz-json-1.1"),
                        "x-amzn-errortype", List.of("InvalidLayerPartException")), error.toString().getBytes(StandardCharsets.UTF_8));
            }
            upload.bytes.writeBytes(part);
            return ok(answer(repository).put("uploadId", uploadId).put("lastByteReceived", last));
        }
    }

    private AwsResponse complete(LayerStore.Repository repository, JsonNode body, AwsRequest request) {
        String uploadId = body.path("uploadId").asText("");
        Optional<LayerStore.Upload> found = store.upload(uploadId, repository);
        if (found.isEmpty()) {
            return uploadNotFound(uploadId, repository);
        }
        JsonNode digests = body.path("layerDigests");
        if (!digests.isArray() || digests.isEmpty()) {
            return EcrErrors.invalidParameter("layerDigests must name the layer's digest");
        }
        String claimed = digests.path(0).asText();
        byte[] bytes = found.get().bytes.toByteArray();
        if (bytes.length == 0) {
            return EcrErrors.error("EmptyUploadException", "The upload " + uploadId + " has no layer parts");
        }
        String actual = "sha256:" + sha256(bytes);
        if (!actual.equals(claimed)) {
            return EcrErrors.error("InvalidLayerException", "The layer digest " + claimed
                    + " does not match the digest of the uploaded bytes (" + actual + ")");
        }
        if (!store.add(repository, actual, bytes)) {
            return EcrErrors.error("LayerAlreadyExistsException", "The layer " + actual
                    + " already exists in the repository with name '" + repository.name() + "'");
        }
        store.finish(uploadId);
        return ok(answer(repository).put("uploadId", uploadId).put("layerDigest", actual));
    }

    private AwsResponse checkAvailability(LayerStore.Repository repository, JsonNode body, AwsRequest request) {
        ObjectNode answer = answer(repository);
        ArrayNode layers = answer.putArray("layers");
        ArrayNode failures = answer.putArray("failures");
        for (JsonNode requested : body.path("layerDigests")) {
            String digest = requested.asText();
            if (!DIGEST.matcher(digest).matches()) {
                failures.addObject().put("layerDigest", digest).put("failureCode", "InvalidLayerDigest")
                        .put("failureReason", "Invalid layer digest");
                continue;
            }
            store.bytes(repository, digest).ifPresentOrElse(
                    bytes -> layers.addObject().put("layerDigest", digest).put("layerAvailability", "AVAILABLE")
                            .put("layerSize", bytes.length),
                    () -> failures.addObject().put("layerDigest", digest).put("failureCode", "MissingLayerDigest")
                            .put("failureReason", "Could not find layer"));
        }
        return ok(answer);
    }

    private AwsResponse downloadUrl(LayerStore.Repository repository, JsonNode body, AwsRequest request) {
        String digest = body.path("layerDigest").asText("");
        Optional<LayerStore.Blob> blob = DIGEST.matcher(digest).matches() ? store.blob(repository, digest) : Optional.empty();
        if (blob.isEmpty()) {
            return EcrErrors.error("LayersNotFoundException", "The layer " + digest
                    + " could not be found in the repository with name '" + repository.name() + "'");
        }
        if (!blob.get().referenced()) {
            // ECR serves only layers an image references; an unreferenced upload may be cleaned up any time.
            return EcrErrors.error("LayerInaccessibleException", "The layer " + digest
                    + " is not available because it is not associated with an image");
        }
        String host = request.header("host").orElse("127.0.0.1");
        return ok(Json.mapper().createObjectNode()
                .put("downloadUrl", BlobUrls.url(host, repository, digest, clock.instant()))
                .put("layerDigest", digest));
    }

    /** A GET of a download URL: the bytes, like S3 answering a presigned URL (403 once it has expired). */
    private AwsResponse download(AwsRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return s3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        }
        Optional<BlobUrls.Target> target = BlobUrls.parse(request.path(), request.rawQuery());
        if (target.isEmpty()) {
            return s3Error(403, "AccessDenied", "Query-string authentication requires X-Amz-Date and X-Amz-Expires");
        }
        if (clock.instant().isAfter(target.get().expiresAt())) {
            return s3Error(403, "AccessDenied", "Request has expired");
        }
        return store.bytes(target.get().repository(), target.get().digest())
                .map(bytes -> new AwsResponse(200, Map.of("content-type", List.of("application/octet-stream")), bytes))
                .orElseGet(() -> s3Error(404, "NoSuchKey", "The specified key does not exist."));
    }

    private AwsResponse markReferenced(AwsRequest request, JsonNode body, AwsResponse answer) {
        if (answer.status() == 200) {
            store.referenced(repository(request, body), ManifestMediaTypes.blobDigests(body.path("imageManifest").asText("")));
        }
        return answer;
    }

    private boolean repositoryExists(AwsRequest caller, LayerStore.Repository repository, Upstream next) throws IOException {
        ObjectNode body = Json.mapper().createObjectNode().put("registryId", repository.registryId());
        body.putArray("repositoryNames").add(repository.name());
        Map<String, List<String>> headers = new HashMap<>(caller.headers());
        headers.put("x-amz-target", List.of(TARGET_PREFIX + "DescribeRepositories"));
        headers.remove("content-length");
        AwsResponse answer = next.send(new AwsRequest("POST", "/", "", Map.copyOf(headers),
                body.toString().getBytes(StandardCharsets.UTF_8), "ecr", Optional.of("DescribeRepositories")));
        return answer.status() == 200;
    }

    private static LayerStore.Repository repository(AwsRequest request, JsonNode body) {
        String registryId = Optional.of(body.path("registryId").asText("")).filter(id -> !id.isEmpty())
                .or(() -> request.header("x-moto-account-id"))
                .orElse(AwsLocation.SANDBOX.accountId());
        String region = request.header("authorization").map(SCOPE_REGION::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1)).orElse(AwsLocation.SANDBOX.region());
        return new LayerStore.Repository(registryId, region, body.path("repositoryName").asText(""));
    }

    private static ObjectNode answer(LayerStore.Repository repository) {
        return Json.mapper().createObjectNode().put("registryId", repository.registryId())
                .put("repositoryName", repository.name());
    }

    private static AwsResponse uploadNotFound(String uploadId, LayerStore.Repository repository) {
        return EcrErrors.error("UploadNotFoundException", "The upload with id '" + uploadId
                + "' does not exist in the repository with name '" + repository.name() + "'");
    }

    private static AwsResponse ok(ObjectNode body) {
        return AwsResponse.json(200, body.toString(), "application/x-amz-json-1.1");
    }

    private static AwsResponse s3Error(int status, String code, String message) {
        return new AwsResponse(status, Map.of("content-type", List.of("application/xml")),
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error>").getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
