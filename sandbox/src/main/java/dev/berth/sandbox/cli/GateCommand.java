package dev.berth.sandbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.json.Json;
import dev.berth.sandbox.SandboxClients;
import dev.berth.sandbox.template.AwsLocation;
import dev.berth.workflow.GateAnswer;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@code ./berth promote|abort <deployment-id> [--reason TEXT] [--as NAME] [--endpoint URL]}: answers a blue/green
 * deployment waiting at a manual gate in a running sandbox, through Berth's own {@code AnswerGateFunction} (what the
 * operator API will put HTTP on). Exit 0 when the gate took the answer, 1 when Berth refused it (and says why).
 */
public final class GateCommand implements BerthCli.Command {

    private final String decision;

    public GateCommand(String decision) {
        this.decision = decision;
    }

    String usage() {
        return "./berth " + decision + " <deployment-id> [--reason TEXT] [--as NAME] [--endpoint URL]";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        Arguments parsed;
        try {
            parsed = Arguments.parse(arguments, java.util.Set.of("--reason", "--as", "--endpoint"), java.util.Set.of());
        } catch (Arguments.Problem e) {
            return usage(err, e.getMessage());
        }
        List<String> positional = parsed.positional();
        String reason = parsed.option("--reason").orElse(null);
        String actor = parsed.option("--as").orElse(System.getProperty("user.name", "someone"));
        String endpoint = parsed.option("--endpoint").orElse(ImageCommand.DEFAULT_ENDPOINT);
        if (positional.size() != 1 || positional.getFirst().isBlank()) {
            return usage(err, "give the id of one deployment waiting at a manual gate");
        }
        String payload = Json.write(new GateAnswer(positional.getFirst(), decision, actor, reason));
        try (LambdaClient lambda = SandboxClients.client(LambdaClient.builder(), URI.create(endpoint), AwsLocation.SANDBOX.region())) {
            InvokeResponse response = lambda.invoke(r -> r.functionName("AnswerGateFunction").payload(SdkBytes.fromUtf8String(payload)));
            JsonNode answer = Json.mapper().readTree(response.payload().asUtf8String());
            if (response.functionError() != null) {
                err.println("berth " + decision + ": " + answer.path("errorMessage").asText(response.functionError()));
                return 1;
            }
            out.println(positional.getFirst() + ": " + answer.path("detail").asText(answer.path("result").asText()));
            return 0;
        } catch (SdkClientException e) {
            err.println("berth " + decision + ": no sandbox answers at " + endpoint + " (start one with ./berth sandbox, or pass"
                    + " --endpoint URL): " + e.getMessage());
            return 1;
        } catch (SdkException | java.io.IOException e) {
            err.println("berth " + decision + ": " + e.getMessage());
            return 1;
        }
    }

    private int usage(PrintStream err, String problem) {
        err.println("berth " + decision + ": " + problem + ": usage: " + usage());
        return 2;
    }
}
