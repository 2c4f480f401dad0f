package com.cloudmusic.emulators;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * template.yaml read as data, so tests (and the local runner) can check the code against what will be
 * deployed: handlers, routes, environment variables, queue and table settings. CloudFormation's short
 * tags (!Ref, !GetAtt, !Sub, !If, ...) become one-entry maps like {"Ref": "Table"}.
 */
public final class SamTemplate {

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    /** Finds template.yaml in the working directory or a parent (tests run inside module folders). */
    public static SamTemplate load() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return load(candidate);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    @SuppressWarnings("unchecked")
    public static SamTemplate load(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            return new SamTemplate((Map<String, Object>) new Yaml(new CloudFormationConstructor()).load(reader));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    public Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    public Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = map(resources().get(logicalId));
        if (resource.isEmpty()) {
            throw new IllegalArgumentException("no resource " + logicalId + " in template.yaml");
        }
        return resource;
    }

    public Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    /** Logical ids of every AWS::Serverless::Function. */
    public Set<String> functions() {
        Set<String> ids = new LinkedHashSet<>();
        resources().forEach((id, value) -> {
            if ("AWS::Serverless::Function".equals(map(value).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The environment variable names a function gets: Globals plus its own. */
    public Set<String> environmentNames(String functionId) {
        Set<String> names = new LinkedHashSet<>();
        Map<String, Object> globals = map(map(map(root.get("Globals")).get("Function")).get("Environment"));
        names.addAll(map(globals.get("Variables")).keySet());
        names.addAll(map(map(properties(functionId).get("Environment")).get("Variables")).keySet());
        return names;
    }

    /** A function's events of one type (HttpApi, SQS, Schedule), by event name. */
    public Map<String, Map<String, Object>> events(String functionId, String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        map(properties(functionId).get("Events")).forEach((name, value) -> {
            Map<String, Object> event = map(value);
            if (type.equals(event.get("Type"))) {
                found.put(name, map(event.get("Properties")));
            }
        });
        return found;
    }

    /** Route keys ("GET /v1/quota") of a function's HttpApi events. */
    public Set<String> routes(String functionId) {
        Set<String> routes = new LinkedHashSet<>();
        events(functionId, "HttpApi").values().forEach(p -> routes.add(p.get("Method") + " " + p.get("Path")));
        return routes;
    }

    /** Function properties with Globals applied (e.g. Timeout, MemorySize, Runtime). */
    public Optional<Object> functionProperty(String functionId, String name) {
        Object own = properties(functionId).get(name);
        if (own != null) {
            return Optional.of(own);
        }
        return Optional.ofNullable(map(map(root.get("Globals")).get("Function")).get(name));
    }

    /** The default value of a template parameter. */
    public Optional<Object> parameterDefault(String name) {
        return Optional.ofNullable(map(map(root.get("Parameters")).get(name)).get("Default"));
    }

    /** Resolves {"Ref": "Param"} to the parameter's default; other values as they are. */
    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Ref")) {
            return parameterDefault(String.valueOf(m.get("Ref"))).orElse(value);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** SnakeYAML's safe constructor plus CloudFormation's intrinsic-function tags. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String function : List.of("Ref", "GetAtt", "Sub", "If", "Not", "Equals", "And", "Or", "Join",
                    "Select", "Split", "FindInMap", "GetAZs", "ImportValue", "Base64", "Cidr", "Condition")) {
                String key = function.equals("Ref") || function.equals("Condition") ? function : "Fn::" + function;
                yamlConstructors.put(new Tag("!" + function), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value;
                        if (node instanceof ScalarNode scalar) {
                            value = scalar.getValue();
                        } else if (node instanceof SequenceNode sequence) {
                            value = constructSequence(sequence);
                        } else {
                            value = constructMapping((MappingNode) node);
                        }
                        return Map.of(key, value);
                    }
                });
            }
        }
    }
}
