package dev.berth.sandbox.cli;

import dev.berth.domain.InvalidInputException;
import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.demo.ImagePusher;
import dev.berth.sandbox.template.AwsLocation;
import java.io.PrintStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code ./berth sandbox push <repository>:<tag> [--platform linux/arm64[,linux/amd64...]] [--endpoint URL]}:
 * pushes a new image to a running sandbox's ECR as {@code docker push} would (config blob, then the
 * manifest); more than one platform pushes an image index, as {@code docker buildx --push} does. Without
 * {@code --platform} the image is linux/amd64.
 */
final class PushCommand {

    static final String USAGE = "./berth sandbox push <repository>:<tag> [--platform os/arch[/variant][,...]] [--endpoint URL]";

    private final PrintStream out;
    private final PrintStream err;

    PushCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> arguments) {
        Arguments parsed;
        try {
            parsed = Arguments.parse(arguments, java.util.Set.of("--platform", "--endpoint"), java.util.Set.of());
        } catch (Arguments.Problem e) {
            return usage(e.getMessage());
        }
        List<String> positional = parsed.positional();
        List<String> platforms = parsed.option("--platform")
                .map(value -> Arrays.stream(value.split(",", -1)).map(String::trim).toList()).orElse(List.of("linux/amd64"));
        String endpoint = parsed.option("--endpoint").orElse(ImageCommand.DEFAULT_ENDPOINT);
        if (positional.size() != 1 || !positional.getFirst().matches("[^:@]+:[^:@/]+")) {
            return usage("give one image as repository:tag, e.g. shop/web:1.2.0");
        }
        String repository = positional.getFirst().substring(0, positional.getFirst().lastIndexOf(':'));
        String tag = positional.getFirst().substring(positional.getFirst().lastIndexOf(':') + 1);
        try {
            ImagePusher pusher = new ImagePusher(SandboxClients.at(URI.create(endpoint), AwsLocation.SANDBOX.region()),
                    AwsLocation.SANDBOX.accountId(), AwsLocation.SANDBOX.region());
            ImagePusher.PushedImage pushed = platforms.size() == 1
                    ? pusher.push(repository, tag, platforms.getFirst(), digest -> {})
                    : pusher.pushMultiArch(repository, tag, platforms);
            out.println("Pushed " + pushed.repositoryUri() + ":" + pushed.tag() + " (" + String.join(", ", platforms) + ")"
                    + (platforms.size() == 1 ? "" : " as an image index") + ": " + pushed.digest());
            return 0;
        } catch (InvalidInputException | IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (SdkClientException e) {
            err.println("berth sandbox push: no sandbox answers at " + endpoint
                    + " (start one with ./berth sandbox, or pass --endpoint URL): " + e.getMessage());
            return 1;
        } catch (SdkException e) {
            err.println("berth sandbox push: the sandbox's ECR refused the push: " + e.getMessage());
            return 1;
        }
    }

    private int usage(String problem) {
        err.println("berth sandbox push: " + problem + ": usage: " + USAGE);
        return 2;
    }
}
