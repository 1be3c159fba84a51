package dev.berth.domain.target;

import dev.berth.domain.InvalidInputException;
import dev.berth.domain.image.ImageReference;
import dev.berth.domain.lease.ConcurrencyPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An ECS service that follows a repository and tag policy.
 *
 * @param repository the image repository it follows, stored as {@link ImageReference#repositoryUri()}
 * @param containers the containers to update; empty means every container running the repository
 * @param concurrencyPolicy what a push does while another deployment of the service is in flight
 */
public record Target(
        String repository, TagPolicy tagPolicy, String cluster, String service, List<String> containers, Strategy strategy,
        ConcurrencyPolicy concurrencyPolicy) {

    private static final String NAME = "[A-Za-z0-9_-]{1,255}";
    private static final Pattern PLAIN_NAME = Pattern.compile(NAME);
    private static final String ARN_PREFIX = "arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:";
    private static final Pattern CLUSTER_ARN = Pattern.compile(ARN_PREFIX + "cluster/" + NAME);
    private static final Pattern SERVICE_ARN = Pattern.compile(ARN_PREFIX + "service/(?:" + NAME + "/)?" + NAME);

    public Target {
        if (repository == null || repository.isBlank()) {
            throw new InvalidInputException("target needs a repository");
        }
        ImageReference image = ImageReference.parse(repository);
        if (image.tag().isPresent() || image.digest().isPresent()) {
            throw new InvalidInputException("target repository '" + repository
                    + "' must not name a tag or digest: the tag policy chooses which tags deploy");
        }
        repository = image.repositoryUri();
        if (tagPolicy == null) {
            throw new InvalidInputException("target for " + repository + " needs a tag policy");
        }
        if (cluster == null || !(PLAIN_NAME.matcher(cluster).matches() || CLUSTER_ARN.matcher(cluster).matches())) {
            throw new InvalidInputException("cluster '" + cluster
                    + "' must be 1-255 letters, digits, '-' or '_', or a cluster ARN");
        }
        if (service == null || !(PLAIN_NAME.matcher(service).matches() || SERVICE_ARN.matcher(service).matches())) {
            throw new InvalidInputException("service '" + service
                    + "' must be 1-255 letters, digits, '-' or '_', or a service ARN");
        }
        if (containers != null && containers.stream().anyMatch(Objects::isNull)) {
            throw new InvalidInputException("target " + cluster + "/" + service + " lists a container without a name");
        }
        containers = containers == null ? List.of() : List.copyOf(containers);
        Set<String> seen = new HashSet<>();
        for (String container : containers) {
            if (!PLAIN_NAME.matcher(container).matches()) {
                throw new InvalidInputException("container name '" + container
                        + "' must be 1-255 letters, digits, '-' or '_'");
            }
            if (!seen.add(container)) {
                throw new InvalidInputException("container '" + container + "' is listed twice for " + cluster + "/" + service);
            }
        }
        if (strategy == null) {
            throw new InvalidInputException("target " + cluster + "/" + service + " needs a strategy");
        }
        concurrencyPolicy = concurrencyPolicy == null ? ConcurrencyPolicy.SUPERSEDE : concurrencyPolicy;
    }

    /** With the default concurrency policy: the newest push supersedes the deployment in flight. */
    public Target(String repository, TagPolicy tagPolicy, String cluster, String service, List<String> containers, Strategy strategy) {
        this(repository, tagPolicy, cluster, service, containers, strategy, ConcurrencyPolicy.SUPERSEDE);
    }

    /** Identifies the target: {@code cluster/service}. */
    public String key() {
        return cluster + "/" + service;
    }
}
