package dev.berth.sandbox.template;

/** The template cannot be read, or asks for something the sandbox cannot stand in for. */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
