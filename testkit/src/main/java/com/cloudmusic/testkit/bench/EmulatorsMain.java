package com.cloudmusic.testkit.bench;

import com.cloudmusic.emulators.AwsEmulators;
import com.cloudmusic.emulators.AwsStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts the emulators and one stack in this process and writes the environment a function needs to a
 * file (KEY=value lines), then runs until standard input closes. Benchmarks use it to keep the
 * emulators out of the JVM they measure. A second argument N adds the fixtures of N cold-start runs
 * ({@link ColdStartFixtures}).
 */
public final class EmulatorsMain {

    private EmulatorsMain() {
    }

    public static void main(String[] args) throws IOException {
        Path envFile = Path.of(args.length > 0 ? args[0] : "target/emulators.env");
        try (AwsEmulators emulators = AwsEmulators.startInMemory()) {
            AwsStack stack = new AwsStack(emulators, "cloudmusic-bench", "cloudmusic-bench-jobs", "cloudmusic-bench-tracks")
                    .create();
            Map<String, String> env = new LinkedHashMap<>(stack.environment());
            if (args.length > 1) {
                env.putAll(ColdStartFixtures.make(emulators, stack, Integer.parseInt(args[1])));
            }
            Files.createDirectories(envFile.toAbsolutePath().getParent());
            Files.writeString(envFile, env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n", "", "\n")));
            System.out.println("emulators ready: " + envFile);
            while (System.in.read() >= 0) {
                // run until the parent closes our standard input
            }
        }
    }
}
