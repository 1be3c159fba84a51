package dev.berth.sandbox.ecr;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blobs (layers and image configs) pushed to the sandbox's ECR, in memory, and the uploads in
 * progress. moto keeps manifests only; this is the part of the registry it leaves out.
 */
public final class LayerStore {

    /** Where a blob lives: ECR keeps layers per repository, in a registry (account) of a region. */
    public record Repository(String registryId, String region, String name) {}

    /** One blob, and whether an image pushed to its repository names it (ECR serves only those). */
    record Blob(byte[] bytes, boolean referenced) {}

    /** What an upload has received so far; parts must come in order, each starting where the last ended. */
    static final class Upload {
        final Repository repository;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Upload(Repository repository) {
            this.repository = repository;
        }
    }

    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Map<Repository, Map<String, Blob>> blobs = new ConcurrentHashMap<>();

    /** A new upload's id (ECR's are UUIDs). */
    String initiate(Repository repository) {
        String id = UUID.randomUUID().toString();
        uploads.put(id, new Upload(repository));
        return id;
    }

    Optional<Upload> upload(String uploadId, Repository repository) {
        return Optional.ofNullable(uploads.get(uploadId)).filter(upload -> upload.repository.equals(repository));
    }

    void finish(String uploadId) {
        uploads.remove(uploadId);
    }

    /** Stores a completed blob; false when the repository already holds that digest. */
    boolean add(Repository repository, String digest, byte[] bytes) {
        return blobs.computeIfAbsent(repository, key -> new ConcurrentHashMap<>())
                .putIfAbsent(digest, new Blob(bytes, false)) == null;
    }

    Optional<Blob> blob(Repository repository, String digest) {
        return Optional.ofNullable(blobs.getOrDefault(repository, Map.of()).get(digest));
    }

    /** The blob's bytes, if the repository holds it. */
    public Optional<byte[]> bytes(Repository repository, String digest) {
        return blob(repository, digest).map(Blob::bytes);
    }

    /** Marks blobs an image just pushed to {@code repository} names: from now on they can be downloaded. */
    void referenced(Repository repository, Set<String> digests) {
        Map<String, Blob> held = blobs.get(repository);
        if (held == null) {
            return; // a bare PutImage (aws ecr put-image) to a repository no blob was uploaded to
        }
        digests.forEach(digest -> held.computeIfPresent(digest, (key, blob) -> new Blob(blob.bytes(), true)));
    }

    /** Forgets every blob and upload (the sandbox's reset). */
    public void clear() {
        uploads.clear();
        blobs.clear();
    }
}
