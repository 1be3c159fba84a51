package dev.berth.sandbox.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Test handler: a POJO handler (a bean in, a record out) that reports what it was given and where it runs. */
public final class EchoHandler implements RequestHandler<EchoHandler.Request, EchoHandler.Response> {

    /**
     * A bean, not a record: the Lambda runtime's default serializer creates input objects through a
     * no-argument constructor (it does not detect record constructors).
     */
    public static final class Request {
        private String message;

        public String getMessage() {
            return message;
        }

        public void setMessage(String message) {
            this.message = message;
        }
    }

    public record Response(String message, String greeting, String table, String tableArn, String where,
                           String endpoint, String functionName, String invokedArn, int remainingMillis, int memoryMb) {}

    private final Map<String, String> environment;

    public EchoHandler() {
        this(System.getenv());
    }

    public EchoHandler(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Response handleRequest(Request request, Context context) {
        context.getLogger().log("echoing " + request.getMessage());
        return new Response(request.getMessage(), environment.get("GREETING"), environment.get("ECHO_TABLE"),
                environment.get("ECHO_TABLE_ARN"), environment.get("WHERE"), environment.get("AWS_ENDPOINT_URL"),
                context.getFunctionName(), context.getInvokedFunctionArn(), context.getRemainingTimeInMillis(),
                context.getMemoryLimitInMB());
    }
}
