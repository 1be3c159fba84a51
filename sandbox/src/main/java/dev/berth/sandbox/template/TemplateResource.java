package dev.berth.sandbox.template;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of the template's {@code Resources}, as written (intrinsics still in long form).
 *
 * @param condition the name of the condition the resource depends on, if any
 */
public record TemplateResource(String logicalId, String type, Map<String, Object> properties, Optional<String> condition) {

    public TemplateResource {
        properties = Map.copyOf(properties);
    }
}
