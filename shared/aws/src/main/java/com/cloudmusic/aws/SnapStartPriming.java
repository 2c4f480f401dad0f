package com.cloudmusic.aws;

import com.cloudmusic.json.Json;
import com.cloudmusic.json.StrictJson;
import com.cloudmusic.log.JsonLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * SnapStart priming as Powertools does it. Before the snapshot: load the classes a real first event
 * loaded (a list generated from a real run and committed beside the function, see
 * {@code testkit/bench/cold-start.sh --class-lists}) and make one read-only round trip per SDK client, so
 * a restored environment finds its request path loaded and initialised. After a restore: re-seed every
 * random generator drawn at init, so no two restored environments hand out the same wallet keys or seeds.
 * A priming step that fails is logged and skipped: the snapshot is still taken, only less warm.
 */
public final class SnapStartPriming {

    private final String classList;
    private final Map<String, Runnable> roundTrips;
    private final List<SecureRandom> randoms;
    private final JsonLog log;

    private SnapStartPriming(Builder builder) {
        this.classList = builder.classList;
        this.roundTrips = new LinkedHashMap<>(builder.roundTrips);
        this.randoms = List.copyOf(builder.randoms);
        this.log = builder.log;
    }

    /**
     * @param classList the class-path resource listing one class name per line ({@code #} starts a comment)
     */
    public static Builder builder(String classList, JsonLog log) {
        return new Builder(classList, log);
    }

    /** Loads the class list, makes each round trip, and logs one line saying what answered. */
    public Map<String, Object> beforeCheckpoint() {
        Map<String, Object> summary = new LinkedHashMap<>();
        ClassLoader loader = SnapStartPriming.class.getClassLoader();
        Preloaded preloaded = preload(classList, loader);
        summary.put("classesLoaded", preloaded.loaded());
        summary.put("classesMissing", preloaded.missing());
        Map<String, String> trips = new LinkedHashMap<>();
        roundTrips.forEach((name, call) -> trips.put(name, roundTrip(call)));
        summary.put("roundTrips", trips);
        log.info("snapstart_priming", summary);
        return summary;
    }

    /**
     * On a Lambda cold start without SnapStart, warms the JSON path and loads the function's class list
     * on a daemon thread while the handler builds its clients on the main one, so the two halves of the
     * first event's class loading overlap. Skipped off Lambda (tests, the local runner), when SnapStart
     * initialises the environment, where {@link #beforeCheckpoint()} loads the list before the snapshot,
     * and below two vCPUs ({@link #warmsBesideTheFirstEvent}).
     *
     * @param environment the process environment, e.g. {@code System.getenv()}
     * @return whether the preload was started
     */
    public static boolean preloadDuringColdStart(String classList, Map<String, String> environment) {
        if (!warmsBesideTheFirstEvent(environment)) {
            return false;
        }
        ClassLoader loader = SnapStartPriming.class.getClassLoader();
        Thread preload = new Thread(() -> {
            warmJson();
            preload(classList, loader);
        }, "class-preload");
        preload.setDaemon(true);
        preload.start();
        return true;
    }

    /**
     * Reads and writes one small body: every function's first event parses or logs JSON, so Jackson's
     * parser, generator and tree classes load and initialise here. Safe beside the main thread: it touches
     * only Jackson and the JSON helpers.
     */
    private static void warmJson() {
        try {
            Json.write(StrictJson.read("{\"warm\":[1,\"json\"]}"));
        } catch (RuntimeException e) {
            // Only warmth is lost; the first event loads the same classes itself.
        }
    }

    /**
     * Whether a second thread can warm the function beside its first event: on a Lambda init that is not
     * SnapStart's, in a function with at least two vCPUs. Lambda gives CPU in proportion to memory (one
     * vCPU at 1,769 MB); with less than two, the second thread only takes CPU from the first event
     * (measured on one core: 1,529 ms single-threaded against 1,775 ms with the warm-up thread).
     */
    static boolean warmsBesideTheFirstEvent(Map<String, String> environment) {
        return environment.containsKey(AwsSettings.LAMBDA_FUNCTION_NAME)
                && !SNAP_START.equals(environment.get(INITIALIZATION_TYPE))
                && memoryMb(environment) >= TWO_VCPU_MEMORY_MB;
    }

    /** Set by Lambda: the function's memory in MB. */
    static final String MEMORY_SIZE = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";
    /** Twice the 1,769 MB at which Lambda gives a function one full vCPU. */
    static final int TWO_VCPU_MEMORY_MB = 2 * 1769;

    private static int memoryMb(Map<String, String> environment) {
        try {
            return Integer.parseInt(environment.getOrDefault(MEMORY_SIZE, "0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Set by Lambda: "on-demand", "provisioned-concurrency" or "snap-start". */
    static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    static final String SNAP_START = "snap-start";

    /** Re-seeds, from the restored environment's own entropy, every generator created before the snapshot. */
    public void afterRestore() {
        for (SecureRandom random : randoms) {
            random.setSeed(random.generateSeed(32));
        }
    }

    /** Classes named in the list and found (loaded), and named but absent from this jar (missing). */
    record Preloaded(int loaded, int missing) {
    }

    /**
     * Loads and links each listed class without running its static initialiser: an initialiser that
     * draws randomness must run after the restore, not in the snapshot; the round trips initialise what
     * the hot path needs.
     */
    static Preloaded preload(String resource, ClassLoader loader) {
        int loaded = 0;
        int missing = 0;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return new Preloaded(0, 0);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    missing++;
                }
            }
        } catch (IOException e) {
            // An unreadable list primes nothing; the round trips still run.
        }
        return new Preloaded(loaded, missing);
    }

    /** "answered" when the service answered (an error answer such as 404 or 403 primes the same path). */
    private static String roundTrip(Runnable call) {
        try {
            call.run();
            return "answered";
        } catch (AwsServiceException answered) {
            return "answered " + answered.statusCode();
        } catch (RuntimeException e) {
            return "failed " + e.getClass().getSimpleName();
        }
    }

    /** Names the class list, the round trips and the generators to re-seed. */
    public static final class Builder {

        private final String classList;
        private final JsonLog log;
        private final Map<String, Runnable> roundTrips = new LinkedHashMap<>();
        private final List<SecureRandom> randoms = new ArrayList<>();

        private Builder(String classList, JsonLog log) {
            this.classList = Objects.requireNonNull(classList, "classList == null");
            this.log = Objects.requireNonNull(log, "log == null");
        }

        /** One read-only call; its name says which client it primes ("dynamodb", "sqs", "s3"...). */
        public Builder roundTrip(String name, Runnable call) {
            roundTrips.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(call, "call == null"));
            return this;
        }

        /** A generator created at init, re-seeded after every restore. */
        public Builder reseed(SecureRandom random) {
            randoms.add(Objects.requireNonNull(random, "random == null"));
            return this;
        }

        public SnapStartPriming build() {
            return new SnapStartPriming(this);
        }
    }
}
