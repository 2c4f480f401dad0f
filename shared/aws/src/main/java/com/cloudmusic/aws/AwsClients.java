package com.cloudmusic.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.endpoints.AccountIdEndpointMode;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK v2 clients, once per execution environment, with nothing left for the SDK to probe at
 * start: the URL-connection HTTP client (no Netty, no Apache), the region, the endpoint (regional, or the
 * emulator's when {@code AWS_ENDPOINT_URL} is set: path-style S3, checksums only when required), FIPS and
 * dual-stack off, and on Lambda the credentials from the runtime's environment variables and no profile
 * files (there are none to find). Functions build only the clients their first event needs; the rest
 * behind {@link com.cloudmusic.config.Lazy}.
 */
public final class AwsClients {

    private static final ProfileFile EMPTY_PROFILE = ProfileFile.aggregator().build();

    private AwsClients() {
    }

    /** The SDK's defaults for the URL-connection client: 2 s to connect, 30 s to read. */
    static final int CONNECT_TIMEOUT_MS = 2_000;
    static final int READ_TIMEOUT_MS = 30_000;

    /**
     * The URL-connection client. On Lambda and against emulators its connections come from the JDK with
     * the JDK's default TLS context, made on the first HTTPS connection: the builder's own TLS context
     * loads the trust store while the client is built, on the cold start's critical path, even for the
     * emulators' plain HTTP. Elsewhere the builder's client, which also reads proxy settings.
     */
    public static SdkHttpClient httpClient(AwsSettings aws) {
        if (aws.onLambda() || aws.emulated()) {
            return UrlConnectionHttpClient.create(AwsClients::openConnection);
        }
        return UrlConnectionHttpClient.builder().build();
    }

    static HttpURLConnection openConnection(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a connection to " + uri.getHost(), e);
        }
    }

    public static DynamoDbClient dynamoDb(AwsSettings aws, SdkHttpClient http) {
        return DynamoDbClient.builder().httpClient(http).region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws))
                .endpointOverride(aws.endpoint("dynamodb").orElseGet(() -> aws.regionalEndpoint("dynamodb")))
                // The account-based endpoints need the account id resolved from the identity first.
                .accountIdEndpointMode(AccountIdEndpointMode.DISABLED)
                .fipsEnabled(false).dualstackEnabled(false)
                .overrideConfiguration(overrides(aws))
                .build();
    }

    public static SqsClient sqs(AwsSettings aws, SdkHttpClient http) {
        return SqsClient.builder().httpClient(http).region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws))
                .endpointOverride(aws.endpoint("sqs").orElseGet(() -> aws.regionalEndpoint("sqs")))
                .fipsEnabled(false).dualstackEnabled(false)
                .overrideConfiguration(overrides(aws))
                .build();
    }

    public static S3Client s3(AwsSettings aws, SdkHttpClient http) {
        var builder = S3Client.builder().httpClient(http).region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws))
                .fipsEnabled(false).dualstackEnabled(false)
                .overrideConfiguration(overrides(aws));
        // Real S3 keeps the SDK's own endpoint: its rules put the bucket in the host name.
        aws.endpoint("s3").ifPresent(endpoint -> builder.endpointOverride(endpoint)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    public static S3Presigner presigner(AwsSettings aws) {
        var builder = S3Presigner.builder().region(Region.of(aws.region())).credentialsProvider(credentials(aws))
                .fipsEnabled(false).dualstackEnabled(false);
        aws.endpoint("s3").ifPresent(endpoint -> builder.endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }

    /**
     * Emulators accept any key; Lambda puts the role's credentials in environment variables, so the
     * default chain's probing (system properties, profiles, web identity, container and instance
     * metadata) is skipped there; elsewhere (a developer's machine) the default chain finds them.
     */
    static AwsCredentialsProvider credentials(AwsSettings aws) {
        if (aws.emulated()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    aws.env().optional("AWS_ACCESS_KEY_ID", "test"), aws.env().optional("AWS_SECRET_ACCESS_KEY", "test")));
        }
        if (aws.onLambda()) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** On Lambda and against emulators there is no profile file to read: give the SDK an empty one. */
    private static ClientOverrideConfiguration overrides(AwsSettings aws) {
        var builder = ClientOverrideConfiguration.builder();
        if (aws.onLambda() || aws.emulated()) {
            builder.defaultProfileFileSupplier(() -> EMPTY_PROFILE);
        }
        return builder.build();
    }
}
