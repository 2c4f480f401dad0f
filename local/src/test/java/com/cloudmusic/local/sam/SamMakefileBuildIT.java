package com.cloudmusic.local.sam;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.emulators.SamTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `sam build` with {@code BuildMethod: makefile}: for every function of template.yaml, runs
 * {@code make build-<LogicalId> ARTIFACTS_DIR=<dir>} as SAM does and checks that the folder SAM would
 * zip holds the handler class and exactly the function jar's contents: no jar, no sources, no test
 * classes, no emulators. The jars come from this reactor's package phase (PREBUILT=1), so the test
 * costs seconds; the Maven command a plain `sam build` runs is checked with {@code make -n}.
 */
class SamMakefileBuildIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final SamTemplate TEMPLATE = SamTemplate.load(ROOT.resolve("template.yaml"));

    @Test
    void everyFunction_isBuiltByTheMakefile_asSamBuildRunsIt() {
        for (String function : TEMPLATE.functions()) {
            Map<String, Object> metadata = SamTemplate.map(TEMPLATE.resource(function).get("Metadata"));
            assertThat(metadata.get("BuildMethod")).as(function + " Metadata.BuildMethod").isEqualTo("makefile");
            assertThat(TEMPLATE.properties(function).get("CodeUri")).as(function + " CodeUri").isEqualTo(".");
        }
    }

    @Test
    void buildTarget_unpacksExactlyTheFunctionJar_withItsHandler(@TempDir Path artifacts) throws Exception {
        for (String function : TEMPLATE.functions()) {
            Path jar = jarOf(function);
            Assumptions.assumeTrue(Files.isRegularFile(jar) || "true".equalsIgnoreCase(System.getenv("CI")),
                    jar + " is not built: run mvn -B verify (the package phase makes it)");
            Path dir = artifacts.resolve(function);

            Result make = make("build-" + function, "ARTIFACTS_DIR=" + dir, "PREBUILT=1");

            assertThat(make.exitCode()).as(make.output()).isZero();
            Set<String> files = files(dir);
            assertThat(files).as(function + " artifacts equal its jar").isEqualTo(jarEntries(jar));
            assertThat(files).contains(handlerClass(function));
            assertThat(files).noneMatch(f -> f.endsWith(".jar") || f.endsWith(".java") || f.endsWith("Test.class")
                    || f.endsWith("IT.class") || f.startsWith("com/cloudmusic/testkit/") || f.startsWith("com/cloudmusic/local/"));
        }
    }

    @Test
    void buildTarget_withoutPrebuilt_runsTheReactorForThatModuleOnly() throws Exception {
        Result dryRun = make("-n", "build-GenerateFunction", "ARTIFACTS_DIR=/tmp/sam-artifacts");

        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
        assertThat(dryRun.output()).contains("mvn -B -q -DskipTests -pl functions/generate -am package")
                .contains("jar xf \"" + ROOT + "/functions/generate/target/generate-function.jar\"");
    }

    @Test
    void buildTarget_refusesToRun_withoutArtifactsDir() throws Exception {
        Result make = make("build-RequestFunction", "PREBUILT=1");

        assertThat(make.exitCode()).isNotZero();
        assertThat(make.output()).contains("ARTIFACTS_DIR is not set");
    }

    /** The jar the Makefile unpacks for a function: its module_X and jar_X variables. */
    private static Path jarOf(String function) throws IOException {
        String makefile = Files.readString(ROOT.resolve("Makefile"));
        java.util.regex.Matcher module = java.util.regex.Pattern
                .compile("(?m)^module_" + function + " := (\\S+)$").matcher(makefile);
        java.util.regex.Matcher jar = java.util.regex.Pattern
                .compile("(?m)^jar_" + function + " := (\\S+)$").matcher(makefile);
        assertThat(module.find() && jar.find())
                .as("template.yaml has " + function + ": give the Makefile module_" + function + ", jar_" + function
                        + " and a build-" + function + " target")
                .isTrue();
        return ROOT.resolve(module.group(1)).resolve("target").resolve(jar.group(1));
    }

    private static String handlerClass(String function) {
        String handler = (String) TEMPLATE.properties(function).get("Handler");
        return handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class";
    }

    private static Set<String> jarEntries(Path jar) throws IOException {
        Set<String> entries = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().filter(e -> !e.isDirectory()).forEach(e -> entries.add(e.getName()));
        }
        return entries;
    }

    private static Set<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result make(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("make", "--no-print-directory", "-f",
                ROOT.resolve("Makefile").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("make did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
