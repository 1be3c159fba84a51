package dev.berth.domain.image;

import dev.berth.domain.InvalidInputException;
import java.util.Optional;

/**
 * A container image reference, normalised like Docker does.
 *
 * <p>The registry is lower-cased and Docker Hub's aliases fold into {@code docker.io}; Docker Hub official images get
 * their {@code library/} prefix. Construction validates every part, so any instance is a reference Docker would accept.
 */
public record ImageReference(String registry, String repository, Optional<String> tag, Optional<String> digest) {

    /** Docker Hub's canonical registry name. */
    public static final String DOCKER_HUB = ImageGrammar.DOCKER_HUB;

    public ImageReference {
        if (registry == null || repository == null || tag == null || digest == null) {
            throw new InvalidInputException("image reference needs a registry, a repository, a tag (or none) and a digest (or none)");
        }
        registry = ImageGrammar.normaliseRegistry(registry);
        repository = ImageGrammar.normaliseRepository(registry, repository);
        String shown = registry + "/" + repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
        Optional<String> problem = ImageGrammar.problem(registry, repository, tag, digest);
        if (problem.isPresent()) {
            throw invalid(shown, problem.get());
        }
    }

    /**
     * Parses a reference as {@code docker pull} would: {@code nginx}, {@code acme/storefront:1.2},
     * {@code localhost:5000/team/app@sha256:...}, {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1.4.2}.
     *
     * @throws InvalidInputException naming the problem
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException("image reference is empty");
        }
        if (text.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(text, "must not contain whitespace");
        }
        if (text.endsWith(":")) {
            throw invalid(text, "ends with ':' but names no tag");
        }
        if (text.endsWith("@")) {
            throw invalid(text, "ends with '@' but names no digest");
        }

        String name = text;
        Optional<String> digest = Optional.empty();
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(name.substring(at + 1));
            name = name.substring(0, at);
        }
        if (withoutBracketedHost(name).contains("::")) {
            throw invalid(text, "contains '::'");
        }
        Optional<String> tag = Optional.empty();
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/') && colon > name.lastIndexOf(']')) {
            tag = Optional.of(name.substring(colon + 1));
            name = name.substring(0, colon);
        }
        if (name.isEmpty()) {
            throw invalid(text, "names no repository");
        }

        String registry = ImageGrammar.DOCKER_HUB;
        String path = name;
        int slash = name.indexOf('/');
        if (slash >= 0 && ImageGrammar.looksLikeRegistry(name.substring(0, slash))) {
            registry = name.substring(0, slash);
            path = name.substring(slash + 1);
        }
        registry = ImageGrammar.normaliseRegistry(registry);
        if (registry.equals(DOCKER_HUB) && ImageGrammar.isImageId(path)) {
            throw invalid(text, "a 64-character hex string is an image id, not a repository");
        }
        path = ImageGrammar.normaliseRepository(registry, path);
        Optional<String> problem = ImageGrammar.problem(registry, path, tag, digest);
        if (problem.isPresent()) {
            throw invalid(text, problem.get());
        }
        return new ImageReference(registry, path, tag, digest);
    }

    /** Whether Docker accepts this as a tag: 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'. */
    public static boolean isValidTag(String tag) {
        return tag != null && ImageGrammar.tagProblem(tag).isEmpty();
    }

    /** Registry and repository, e.g. {@code docker.io/library/nginx} or {@code localhost:5000/team/app}. */
    public String repositoryUri() {
        return registry + "/" + repository;
    }

    /** The reference a task definition should run: by digest when known, else by tag ({@code latest} when none). */
    public String pinned() {
        return digest.map(d -> repositoryUri() + "@" + d)
                .orElseGet(() -> repositoryUri() + ":" + tag.orElse("latest"));
    }

    /** The same image with this tag (the digest, if any, is kept). */
    public ImageReference withTag(String newTag) {
        if (newTag == null) {
            throw invalid(toString(), "tag is empty");
        }
        return new ImageReference(registry, repository, Optional.of(newTag), digest);
    }

    /** The same image with this digest (the tag, if any, is kept). */
    public ImageReference withDigest(String newDigest) {
        if (newDigest == null) {
            throw invalid(toString(), "digest is empty");
        }
        return new ImageReference(registry, repository, tag, Optional.of(newDigest));
    }

    /** Canonical form: {@code repositoryUri[:tag][@digest]}; {@link #parse} reads it back to an equal reference. */
    @Override
    public String toString() {
        return repositoryUri() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }

    private static String withoutBracketedHost(String name) {
        int close = name.indexOf(']');
        return name.startsWith("[") && close > 0 ? name.substring(close + 1) : name;
    }

    private static InvalidInputException invalid(String text, String problem) {
        return new InvalidInputException("image reference '" + text + "': " + problem);
    }
}
