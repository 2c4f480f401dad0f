package com.cloudmusic.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The walls of the house, checked on every build: no package cycle in any module's main sources, and the
 * AWS SDK imported only by adapters (shared/aws, a function's wiring or store, the emulators, the runner).
 * Core's own classpath is checked too: its Maven dependencies must not bring the SDK or the Lambda types.
 */
class ArchitectureTest {

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+);", Pattern.MULTILINE);

    /** Main source files of every module, by path relative to the repository root. */
    private static Map<Path, String> mainSources() {
        Path root = repositoryRoot();
        Map<Path, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .forEach(p -> sources.put(root.relativize(p), read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    @Test
    void mainSources_haveNoPackageCycle() {
        Map<String, Set<String>> edges = new HashMap<>();
        mainSources().values().forEach(source -> {
            Matcher pkg = PACKAGE.matcher(source);
            if (!pkg.find()) {
                return;
            }
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                String target = packageOf(imports.group(1));
                if (target.startsWith("com.cloudmusic") && !target.equals(pkg.group(1))) {
                    edges.computeIfAbsent(pkg.group(1), k -> new HashSet<>()).add(target);
                }
            }
        });

        assertThat(edges).isNotEmpty();
        assertThat(cycles(edges)).as("package cycles").isEmpty();
    }

    @Test
    void onlyAdapters_importTheAwsSdk() {
        List<String> offenders = new ArrayList<>();
        mainSources().forEach((path, source) -> {
            String file = path.toString();
            boolean adapter = file.startsWith("shared/aws/") || file.startsWith("emulators/") || file.startsWith("testkit/")
                    || file.startsWith("local/")
                    || (file.startsWith("functions/") && (file.endsWith("Wiring.java") || file.contains("/store/")));
            if (!adapter && source.contains("import software.amazon.awssdk.")) {
                offenders.add(file);
            }
        });

        assertThat(offenders).as("files importing the AWS SDK outside an adapter").isEmpty();
    }

    @Test
    void core_hasNeitherTheAwsSdkNorTheLambdaTypesOnItsClasspath() {
        assertThatThrownBy(() -> Class.forName("software.amazon.awssdk.core.SdkClient")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    /** The part of a qualified name before its first capitalised segment. */
    private static String packageOf(String qualified) {
        List<String> parts = new ArrayList<>();
        for (String part : qualified.split("\\.")) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                break;
            }
            parts.add(part);
        }
        return String.join(".", parts);
    }

    /** Strongly connected sets of more than one package (Tarjan). */
    private static List<Set<String>> cycles(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> found = new ArrayList<>();
        for (String start : edges.keySet()) {
            if (!index.containsKey(start)) {
                visit(start, edges, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void visit(String v, Map<String, Set<String>> edges, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                visit(w, edges, index, low, stack, onStack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }

    /** The directory holding template.yaml and the parent POM (tests run inside a module's folder). */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
