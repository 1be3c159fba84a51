package dev.berth.sandbox.template;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML into plain maps, lists and scalars, turning every short-form intrinsic
 * ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub ...}) into its long form ({@code {Ref: X}},
 * {@code {Fn::GetAtt: [A, B]}}), so the resolver has one representation to understand.
 */
public final class CfnYaml {

    /** Short-form tags CloudFormation accepts, each with the key of its long form. */
    private static final Map<String, String> LONG_FORMS = Map.ofEntries(
            Map.entry("!Ref", "Ref"),
            Map.entry("!Condition", "Condition"),
            Map.entry("!GetAtt", "Fn::GetAtt"),
            Map.entry("!Sub", "Fn::Sub"),
            Map.entry("!Join", "Fn::Join"),
            Map.entry("!If", "Fn::If"),
            Map.entry("!Equals", "Fn::Equals"),
            Map.entry("!Not", "Fn::Not"),
            Map.entry("!And", "Fn::And"),
            Map.entry("!Or", "Fn::Or"),
            Map.entry("!Select", "Fn::Select"),
            Map.entry("!Split", "Fn::Split"),
            Map.entry("!FindInMap", "Fn::FindInMap"),
            Map.entry("!Base64", "Fn::Base64"),
            Map.entry("!GetAZs", "Fn::GetAZs"),
            Map.entry("!ImportValue", "Fn::ImportValue"),
            Map.entry("!Cidr", "Fn::Cidr"),
            Map.entry("!Length", "Fn::Length"),
            Map.entry("!ToJsonString", "Fn::ToJsonString"),
            Map.entry("!Transform", "Fn::Transform"));

    private CfnYaml() {}

    /** Parses one template document. */
    public static Object parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new IntrinsicConstructor(options)).load(yaml);
    }

    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            LONG_FORMS.forEach((tag, longForm) -> yamlConstructors.put(new Tag(tag), new LongForm(longForm)));
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value = switch (node) {
                    case ScalarNode scalar -> key.equals("Fn::GetAtt") ? splitGetAtt(constructScalar(scalar)) : constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new TemplateException("unsupported YAML node under " + key + ": " + node.getNodeId());
                };
                return Map.of(key, value);
            }
        }

        /** {@code !GetAtt Resource.Attr.Sub} names the resource up to the first dot. */
        private static List<String> splitGetAtt(String value) {
            int dot = value.indexOf('.');
            if (dot <= 0 || dot == value.length() - 1) {
                throw new TemplateException("!GetAtt needs Resource.Attribute, got '" + value + "'");
            }
            return List.of(value.substring(0, dot), value.substring(dot + 1));
        }
    }
}
