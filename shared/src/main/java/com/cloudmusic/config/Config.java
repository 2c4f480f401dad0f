package com.cloudmusic.config;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The settings every CloudMusic function reads from its environment, read once at start. Settings
 * that only some functions need are checked by {@link #require}, so a function fails at start naming
 * the variable it lacks.
 */
public record Config(
        Env env,
        AwsSettings aws,
        String tableName,
        String bucketName,
        String queueUrl,
        String deadLetterQueueArn,
        byte[] fingerprintSecret,
        int freeDailyLimit,
        int maxActiveJobs,
        String musicEngine,
        String publicBaseUrl) {

    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String BUCKET_NAME = "BUCKET_NAME";
    public static final String QUEUE_URL = "QUEUE_URL";
    public static final String DEAD_LETTER_QUEUE_ARN = "DEAD_LETTER_QUEUE_ARN";
    public static final String FINGERPRINT_SECRET = "FINGERPRINT_SECRET";
    public static final String FREE_DAILY_LIMIT = "FREE_DAILY_LIMIT";
    public static final String MAX_ACTIVE_JOBS = "MAX_ACTIVE_JOBS";
    public static final String MUSIC_ENGINE = "MUSIC_ENGINE";
    public static final String PUBLIC_BASE_URL = "PUBLIC_BASE_URL";

    /** The engine used when {@code MUSIC_ENGINE} is not set. */
    public static final String DEFAULT_ENGINE = "procedural";

    public Config {
        Objects.requireNonNull(env, "env == null");
        Objects.requireNonNull(aws, "aws == null");
    }

    /** Reads the environment, failing with the name of the first required variable that is missing. */
    public static Config load(Env env, String... required) {
        for (String name : required) {
            env.required(name);
        }
        String secret = env.optional(FINGERPRINT_SECRET).orElse(null);
        if (secret != null && secret.length() < 16) {
            throw new ConfigException(FINGERPRINT_SECRET + " must be at least 16 characters");
        }
        return new Config(
                env,
                AwsSettings.from(env),
                env.optional(TABLE_NAME).orElse(null),
                env.optional(BUCKET_NAME).orElse(null),
                env.optional(QUEUE_URL).orElse(null),
                env.optional(DEAD_LETTER_QUEUE_ARN).orElse(null),
                secret == null ? null : secret.getBytes(StandardCharsets.UTF_8),
                env.integer(FREE_DAILY_LIMIT, 4, 0, 1000),
                env.integer(MAX_ACTIVE_JOBS, 3, 1, 100),
                env.optional(MUSIC_ENGINE, DEFAULT_ENGINE),
                env.optional(PUBLIC_BASE_URL, "http://localhost:3000"));
    }

    public static Config fromSystem(String... required) {
        return load(Env.system(), required);
    }
}
