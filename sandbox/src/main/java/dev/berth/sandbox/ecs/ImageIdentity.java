package dev.berth.sandbox.ecs;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.image.ImageReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a container's image is, as ECS knows it once it has resolved the task definition's reference:
 * the reference itself, its repository, the digest it pulled, and every tag that pointed at that digest
 * in the sandbox's registry. Image behaviours match against all of them, so a behaviour set on
 * {@code shop/web:1.2.0} applies to a task that runs {@code <repositoryUri>@sha256:...} of that image.
 *
 * @param reference the image as the task definition names it
 * @param parsed    the reference read as Docker does; empty when it does not parse
 * @param digest    the digest ECS pulled: from the registry, or from the reference itself; empty when
 *                  neither knows it (an image the sandbox's registry does not hold, named by tag)
 * @param tags      tags pointing at the digest (and the reference's own tag), sorted
 * @param platforms what the registry says the image runs on; unknown until resolved (and then it runs anywhere)
 */
public record ImageIdentity(String reference, Optional<ImageReference> parsed, Optional<String> digest,
                            Set<String> tags, ImagePlatforms platforms) {

    public ImageIdentity {
        tags = Set.copyOf(new TreeSet<>(tags));
    }

    /** What the reference alone says, before (or without) asking a registry. */
    public static ImageIdentity of(String reference) {
        Optional<ImageReference> parsed = parse(reference);
        return new ImageIdentity(reference, parsed, parsed.flatMap(ImageReference::digest),
                parsed.flatMap(ImageReference::tag).map(Set::of).orElse(Set.of()), ImagePlatforms.unknown());
    }

    /** The same image as resolved by a registry: the digest it holds and the tags that point at it. */
    public ImageIdentity resolvedTo(String registryDigest, Set<String> registryTags) {
        var allTags = new TreeSet<>(registryTags);
        parsed.flatMap(ImageReference::tag).ifPresent(allTags::add);
        return new ImageIdentity(reference, parsed, Optional.of(registryDigest), allTags, platforms);
    }

    /** The same image with the platforms the registry says it was built for. */
    public ImageIdentity withPlatforms(ImagePlatforms registryPlatforms) {
        return new ImageIdentity(reference, parsed, digest, tags, registryPlatforms);
    }

    /**
     * The digest DescribeTasks reports. ECS always reports the digest it pulled; for an image the sandbox's
     * registry does not hold (a public image, a tag never pushed) there was nothing to pull, so a stand-in
     * is derived from the reference: stable, so the same image always shows the same digest.
     */
    public String reportedDigest() {
        return digest.orElseGet(() -> "sha256:" + sha256(reference));
    }

    /** Every way to write this image as the task definition does: itself, {@code name:tag} per tag, {@code name@digest}. */
    List<String> aliases() {
        List<String> aliases = new ArrayList<>();
        aliases.add(reference);
        String name = withoutTagAndDigest(reference);
        tags.forEach(tag -> aliases.add(name + ":" + tag));
        digest.ifPresent(found -> aliases.add(name + "@" + found));
        return aliases;
    }

    private static Optional<ImageReference> parse(String reference) {
        try {
            return Optional.of(ImageReference.parse(reference));
        } catch (InvalidInputException e) {
            return Optional.empty(); // still an image ECS runs in the sandbox; only the pattern entries can match it
        }
    }

    private static String withoutTagAndDigest(String reference) {
        String name = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
