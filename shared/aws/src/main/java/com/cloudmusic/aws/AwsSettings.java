package com.cloudmusic.aws;

import com.cloudmusic.config.ConfigException;
import com.cloudmusic.config.Env;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the AWS SDK clients point: the real regional endpoints, or emulators when
 * {@code AWS_ENDPOINT_URL} (all services) or {@code AWS_ENDPOINT_URL_<SERVICE>} (one service, e.g.
 * {@code AWS_ENDPOINT_URL_DYNAMODB}) is set, as the AWS SDKs and CLI define them.
 */
public record AwsSettings(String region, Env env) {

    public static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";

    public static AwsSettings from(Env env) {
        String region = env.optional("AWS_REGION").or(() -> env.optional("AWS_DEFAULT_REGION")).orElse("us-east-1");
        return new AwsSettings(region, env);
    }

    /** Set by the Lambda runtime in every execution environment. */
    static final String LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

    /** Whether this process is a Lambda execution environment (credentials then come from its variables). */
    public boolean onLambda() {
        return env.optional(LAMBDA_FUNCTION_NAME).isPresent();
    }

    /** Whether any service points at an emulator (which accepts any key). */
    public boolean emulated() {
        return endpoint("dynamodb").isPresent() || endpoint("s3").isPresent() || endpoint("sqs").isPresent();
    }

    /**
     * The service's regional endpoint, {@code https://<service>.<region>.amazonaws.com} ({@code .com.cn}
     * in the China regions): set explicitly so a client never resolves it from profile settings.
     */
    public URI regionalEndpoint(String service) {
        String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://" + service + "." + region + "." + suffix);
    }

    /** The endpoint override for a service ("dynamodb", "s3", "sqs"), if any. */
    public Optional<URI> endpoint(String service) {
        String specific = ENDPOINT_URL + "_" + service.toUpperCase(Locale.ROOT);
        return env.optional(specific).map(value -> uri(specific, value))
                .or(() -> env.optional(ENDPOINT_URL).map(value -> uri(ENDPOINT_URL, value)));
    }

    private static URI uri(String name, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " is not a URL: " + value);
        }
    }
}
