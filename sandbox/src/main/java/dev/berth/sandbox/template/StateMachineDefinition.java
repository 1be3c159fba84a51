package dev.berth.sandbox.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Step Functions state machine of the template: its ASL before substitution and the resolved
 * {@code DefinitionSubstitutions}.
 *
 * @param name               {@code Name} (SAM) or {@code StateMachineName} if set, else the logical id
 * @param type               {@code STANDARD} or {@code EXPRESS}
 * @param definitionTemplate the ASL text with its {@code ${...}} placeholders still in
 * @param definitionFile     where the ASL came from when it was a {@code DefinitionUri}
 * @param substitutions      {@code DefinitionSubstitutions}, every value resolved to a string
 */
public record StateMachineDefinition(String logicalId, String name, String type, String definitionTemplate,
                                     Optional<Path> definitionFile, Map<String, String> substitutions) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    public StateMachineDefinition {
        substitutions = Map.copyOf(substitutions);
    }

    /**
     * The ASL with every placeholder substituted. A placeholder without a substitution is an error
     * here rather than a state machine that fails at run time with a literal {@code ${...}} ARN.
     */
    public String definition() {
        Matcher matcher = PLACEHOLDER.matcher(definitionTemplate);
        StringBuilder out = new StringBuilder();
        var missing = new TreeSet<String>();
        while (matcher.find()) {
            String value = substitutions.get(matcher.group(1));
            if (value == null) {
                missing.add(matcher.group(1));
                value = matcher.group();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        if (!missing.isEmpty()) {
            throw new TemplateException("state machine " + logicalId + " uses ${" + String.join("}, ${", missing)
                    + "} but its DefinitionSubstitutions do not define " + (missing.size() == 1 ? "it" : "them"));
        }
        return out.toString();
    }

    /** The placeholders the ASL uses, in order of first appearance. */
    public List<String> placeholders() {
        Matcher matcher = PLACEHOLDER.matcher(definitionTemplate);
        var names = new ArrayList<String>();
        while (matcher.find()) {
            if (!names.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        return List.copyOf(names);
    }
}
