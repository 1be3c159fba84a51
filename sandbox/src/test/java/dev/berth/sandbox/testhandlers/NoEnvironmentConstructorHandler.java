package dev.berth.sandbox.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Test handler: lacks the Map constructor, so the sandbox must refuse it rather than hand it the JVM's environment. */
public final class NoEnvironmentConstructorHandler implements RequestHandler<Object, String> {

    @Override
    public String handleRequest(Object input, Context context) {
        return "should never run";
    }
}
