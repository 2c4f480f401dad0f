package com.cloudmusic.config;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The typed settings of CloudMusic's functions, read from the environment. Each function's wiring asks
 * for what it uses when it starts, so a missing or malformed variable fails that function at start with
 * a message naming it, and a function reads no variable it does not need (the template test checks
 * that every variable read is set in template.yaml).
 */
public final class Config {

    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String BUCKET_NAME = "BUCKET_NAME";
    public static final String QUEUE_URL = "QUEUE_URL";
    public static final String DEAD_LETTER_QUEUE_ARN = "DEAD_LETTER_QUEUE_ARN";
    public static final String FINGERPRINT_SECRET = "FINGERPRINT_SECRET";
    public static final String FREE_DAILY_LIMIT = "FREE_DAILY_LIMIT";
    public static final String FREE_DAILY_NETWORK_LIMIT = "FREE_DAILY_NETWORK_LIMIT";
    public static final String MAX_ACTIVE_JOBS = "MAX_ACTIVE_JOBS";
    public static final String MUSIC_ENGINE = "MUSIC_ENGINE";
    public static final String PUBLIC_BASE_URL = "PUBLIC_BASE_URL";

    /** The engine used when {@code MUSIC_ENGINE} is not set. */
    public static final String DEFAULT_ENGINE = "procedural";

    private final Env env;

    public Config(Env env) {
        this.env = Objects.requireNonNull(env, "env == null");
    }

    /** Reads the configuration, failing at once on the first required variable that is missing. */
    public static Config load(Env env, String... required) {
        for (String name : required) {
            env.required(name);
        }
        return new Config(env);
    }

    public static Config fromSystem(String... required) {
        return load(Env.system(), required);
    }

    public Env env() {
        return env;
    }

    public String tableName() {
        return env.required(TABLE_NAME);
    }

    public String bucketName() {
        return env.required(BUCKET_NAME);
    }

    public String queueUrl() {
        return env.required(QUEUE_URL);
    }

    /** The dead-letter queue's ARN, or null when this function is not subscribed to it. */
    public String deadLetterQueueArn() {
        return env.optional(DEAD_LETTER_QUEUE_ARN).orElse(null);
    }

    public byte[] fingerprintSecret() {
        String secret = env.required(FINGERPRINT_SECRET);
        if (secret.length() < 16) {
            throw new ConfigException(FINGERPRINT_SECRET + " must be at least 16 characters");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    public int freeDailyLimit() {
        return env.integer(FREE_DAILY_LIMIT, 4, 0, 1000);
    }

    /** Free units per source network per UTC day, shared by every caller behind it (SPEC §4.7). */
    public int freeDailyNetworkLimit() {
        return env.integer(FREE_DAILY_NETWORK_LIMIT, 16, 0, 1_000_000);
    }

    public int maxActiveJobs() {
        return env.integer(MAX_ACTIVE_JOBS, 3, 1, 100);
    }

    public String musicEngine() {
        return env.optional(MUSIC_ENGINE, DEFAULT_ENGINE);
    }

    /** Public address of the web app, without a trailing slash; empty when not configured. */
    public String publicBaseUrl() {
        return env.optional(PUBLIC_BASE_URL, "").replaceAll("/+$", "");
    }
}
