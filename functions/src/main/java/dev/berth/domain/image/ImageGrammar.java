package dev.berth.domain.image;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The pieces of Docker's distribution/reference grammar that Berth checks, and its normalisation rules. */
final class ImageGrammar {

    static final String DOCKER_HUB = "docker.io";
    static final int MAX_NAME_LENGTH = 255;

    private static final String DOMAIN_COMPONENT = "(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])";
    private static final Pattern HOST = Pattern.compile(
            DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[0-9a-f:.]+]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("sha512:[a-f0-9]{128}");
    private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");

    private ImageGrammar() {}

    /** Whether the first path component of a name is a registry host rather than part of a Docker Hub repository. */
    static boolean looksLikeRegistry(String firstComponent) {
        return firstComponent.contains(".") || firstComponent.contains(":") || firstComponent.equals("localhost");
    }

    /** Lower-cases the host (DNS names are case-insensitive) and folds Docker Hub's aliases into docker.io. */
    static String normaliseRegistry(String registry) {
        String lower = registry.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "index.docker.io", "registry-1.docker.io" -> DOCKER_HUB;
            default -> lower;
        };
    }

    /** Docker Hub's official images live under library/: "nginx" is "library/nginx". */
    static String normaliseRepository(String registry, String repository) {
        return registry.equals(DOCKER_HUB) && !repository.isEmpty() && !repository.contains("/")
                ? "library/" + repository
                : repository;
    }

    /** Docker refuses a bare 64-hex name: it would be read as an image id. */
    static boolean isImageId(String name) {
        return IMAGE_ID.matcher(name).matches();
    }

    /** The first problem with already normalised parts, if any. */
    static Optional<String> problem(String registry, String repository, Optional<String> tag, Optional<String> digest) {
        return registryProblem(registry)
                .or(() -> repositoryProblem(registry, repository))
                .or(() -> tag.flatMap(ImageGrammar::tagProblem))
                .or(() -> digest.flatMap(ImageGrammar::digestProblem));
    }

    static Optional<String> registryProblem(String registry) {
        if (registry.isEmpty()) {
            return Optional.of("registry is empty");
        }
        String host = registry;
        int portColon = registry.lastIndexOf(':');
        if (portColon > registry.lastIndexOf(']')) {
            host = registry.substring(0, portColon);
            String port = registry.substring(portColon + 1);
            if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                return Optional.of("registry port '" + port + "' is not a port number (1-65535)");
            }
        }
        if (!HOST.matcher(host).matches()) {
            return Optional.of("registry '" + registry + "' is not a valid host name or address");
        }
        return Optional.empty();
    }

    static Optional<String> repositoryProblem(String registry, String repository) {
        if (repository.isEmpty()) {
            return Optional.of("names no repository");
        }
        if ((registry + "/" + repository).length() > MAX_NAME_LENGTH) {
            return Optional.of("repository name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (!repository.equals(repository.toLowerCase(Locale.ROOT))) {
            return Optional.of("repository must be lower case");
        }
        for (String component : repository.split("/", -1)) {
            if (component.isEmpty()) {
                return Optional.of("repository '" + repository + "' has an empty path component");
            }
            if (!PATH_COMPONENT.matcher(component).matches()) {
                return Optional.of("repository path component '" + component
                        + "' must be lower-case letters and digits, separated by '.', '_', '__' or '-'");
            }
        }
        return Optional.empty();
    }

    static Optional<String> tagProblem(String tag) {
        if (tag.isEmpty()) {
            return Optional.of("tag is empty");
        }
        return TAG.matcher(tag).matches()
                ? Optional.empty()
                : Optional.of("tag '" + tag + "' must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
    }

    static Optional<String> digestProblem(String digest) {
        if (digest.isEmpty()) {
            return Optional.of("digest is empty");
        }
        if (digest.startsWith("sha256:") && !SHA256.matcher(digest).matches()) {
            return Optional.of("digest '" + digest + "' must be 'sha256:' and 64 lower-case hex digits");
        }
        if (digest.startsWith("sha512:") && !SHA512.matcher(digest).matches()) {
            return Optional.of("digest '" + digest + "' must be 'sha512:' and 128 lower-case hex digits");
        }
        return DIGEST.matcher(digest).matches()
                ? Optional.empty()
                : Optional.of("digest '" + digest + "' must look like 'sha256:' and 64 lower-case hex digits");
    }
}
