package dev.berth.sandbox.ecs;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.image.ImageReference;
import java.util.Optional;

/**
 * Which images an image behaviour is for: one digest, one tag, a whole repository (as users name them:
 * {@code shop/web@sha256:...}, {@code shop/web:1.2.0}, {@code shop/web}), or, as the first scenario API
 * did, any image whose name contains a text.
 */
public sealed interface ImageSelector {

    /** How well this selector matches {@code image}: higher is more specific; negative when it does not match. */
    long score(ImageIdentity image);

    /** The selector as written (what {@code PUT /_berth/images/{image}} took, and what listings show). */
    String text();

    /** {@code digest}, {@code tag}, {@code repository} or {@code contains}. */
    String kind();

    default boolean matches(ImageIdentity image) {
        return score(image) >= 0;
    }

    /**
     * Reads {@code repository}, {@code repository:tag} or {@code repository@digest}, with or without a
     * registry ({@code 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.2.0}). Without one, any
     * registry's repository of that name matches.
     *
     * @throws InvalidInputException naming what is wrong with the reference
     */
    static ImageSelector parse(String text) {
        ImageReference reference = ImageReference.parse(text);
        Repository repository = Repository.named(text, reference);
        if (reference.digest().isPresent()) {
            return new ByDigest(repository, reference.digest().get());
        }
        return reference.tag().<ImageSelector>map(tag -> new ByTag(repository, tag)).orElse(repository);
    }

    /** Any image one of whose names (see {@link ImageIdentity}) contains {@code text}; an exact name beats everything. */
    static ImageSelector containing(String text) {
        return new Containing(text);
    }

    /**
     * Every image of a repository.
     *
     * @param registry the registry the user named, if any (else any registry matches)
     * @param name     the repository as the user wrote it ({@code nginx}, not Docker Hub's {@code library/nginx})
     */
    record Repository(Optional<String> registry, String name) implements ImageSelector {

        private static final long SCORE = 100_000;

        static Repository named(String text, ImageReference reference) {
            String withoutDigest = text.contains("@") ? text.substring(0, text.indexOf('@')) : text;
            int slash = withoutDigest.indexOf('/');
            boolean registryNamed = slash > 0 && looksLikeRegistry(withoutDigest.substring(0, slash));
            if (registryNamed) {
                return new Repository(Optional.of(reference.registry()), reference.repository());
            }
            int colon = withoutDigest.lastIndexOf(':');
            return new Repository(Optional.empty(), colon > withoutDigest.lastIndexOf('/')
                    ? withoutDigest.substring(0, colon) : withoutDigest);
        }

        boolean holds(ImageIdentity image) {
            return image.parsed().filter(parsed -> registry.map(parsed.registry()::equals).orElse(true)
                    && (parsed.repository().equals(name)
                        || parsed.registry().equals(ImageReference.DOCKER_HUB)
                           && parsed.repository().equals("library/" + name))).isPresent();
        }

        @Override
        public long score(ImageIdentity image) {
            return holds(image) ? SCORE : -1;
        }

        @Override
        public String text() {
            return registry.map(host -> host + "/").orElse("") + name;
        }

        @Override
        public String kind() {
            return "repository";
        }

        /** Docker's rule: a first path component with a dot or a port, or {@code localhost}, is a registry host. */
        private static boolean looksLikeRegistry(String component) {
            return component.contains(".") || component.contains(":") || component.equals("localhost");
        }
    }

    /** One tag of a repository: every image that tag pointed at when its deployment resolved it. */
    record ByTag(Repository repository, String tag) implements ImageSelector {
        @Override
        public long score(ImageIdentity image) {
            return repository.holds(image) && image.tags().contains(tag) ? 300_000 : -1;
        }

        @Override
        public String text() {
            return repository.text() + ":" + tag;
        }

        @Override
        public String kind() {
            return "tag";
        }
    }

    /** One image of a repository, by its digest. */
    record ByDigest(Repository repository, String digest) implements ImageSelector {
        @Override
        public long score(ImageIdentity image) {
            return repository.holds(image) && image.digest().filter(digest::equals).isPresent() ? 400_000 : -1;
        }

        @Override
        public String text() {
            return repository.text() + "@" + digest;
        }

        @Override
        public String kind() {
            return "digest";
        }
    }

    /** A text some name of the image contains: the longer, the more specific; equal to a name, the most. */
    record Containing(String text) implements ImageSelector {
        public Containing {
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("an image match must not be empty");
            }
        }

        @Override
        public long score(ImageIdentity image) {
            long best = -1;
            for (String alias : image.aliases()) {
                if (alias.equals(text)) {
                    return 500_000;
                }
                if (alias.contains(text)) {
                    best = 200_000 + text.length();
                }
            }
            return best;
        }

        @Override
        public String kind() {
            return "contains";
        }
    }
}
