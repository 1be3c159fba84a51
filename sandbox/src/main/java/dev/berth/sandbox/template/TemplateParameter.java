package dev.berth.sandbox.template;

import java.util.Optional;

/** One entry of the template's {@code Parameters}. */
public record TemplateParameter(String name, String type, Optional<String> defaultValue) {}
