package com.cloudmusic.local.template;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a CloudFormation/SAM template. Plain SnakeYAML rejects the short intrinsic-function tags
 * ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, {@code !If}...); this constructor turns each into an
 * {@link Intrinsic} holding the function name and its argument, as the long form would.
 */
final class CloudFormationYaml {

    /** An intrinsic function call such as {@code !Ref PublishSchedule}: name "Ref", argument "PublishSchedule". */
    record Intrinsic(String name, Object argument) {
    }

    private CloudFormationYaml() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(InputStream in) {
        Object root = new Yaml(new TolerantConstructor()).load(new InputStreamReader(in, StandardCharsets.UTF_8));
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException("template.yaml is not a YAML mapping");
        }
        return (Map<String, Object>) root;
    }

    private static final class TolerantConstructor extends SafeConstructor {
        TolerantConstructor() {
            super(new LoaderOptions());
            // Any local tag ("!Name") is a short-form intrinsic function.
            this.yamlMultiConstructors.put("!", new ConstructIntrinsic());
        }

        private final class ConstructIntrinsic extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String tag = node.getTag().getValue().substring(1);
                String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    argument = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                return new Intrinsic(name, argument);
            }
        }
    }
}
