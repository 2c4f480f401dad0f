package com.cloudmusic.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK v2 clients, once per execution environment: the URL-connection HTTP client (no Netty,
 * no Apache), the region from the environment, and emulator endpoints when {@code AWS_ENDPOINT_URL} is
 * set (path-style S3, checksums only when required, as S3-compatible servers expect).
 */
public final class AwsClients {

    private AwsClients() {
    }

    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().build();
    }

    public static DynamoDbClient dynamoDb(AwsSettings aws, SdkHttpClient http) {
        var builder = DynamoDbClient.builder().httpClient(http).region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws));
        aws.endpoint("dynamodb").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static SqsClient sqs(AwsSettings aws, SdkHttpClient http) {
        var builder = SqsClient.builder().httpClient(http).region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws));
        aws.endpoint("sqs").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static S3Client s3(AwsSettings aws, SdkHttpClient http) {
        var builder = S3Client.builder().httpClient(http).region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws));
        aws.endpoint("s3").ifPresent(endpoint -> builder.endpointOverride(endpoint)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    public static S3Presigner presigner(AwsSettings aws) {
        var builder = S3Presigner.builder().region(Region.of(aws.region())).credentialsProvider(credentials(aws));
        aws.endpoint("s3").ifPresent(endpoint -> builder.endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }

    /** Emulators accept any key; real AWS uses the Lambda role through the default chain. */
    static AwsCredentialsProvider credentials(AwsSettings aws) {
        boolean emulated = aws.endpoint("dynamodb").isPresent() || aws.endpoint("s3").isPresent()
                || aws.endpoint("sqs").isPresent();
        if (emulated) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    aws.env().optional("AWS_ACCESS_KEY_ID", "test"), aws.env().optional("AWS_SECRET_ACCESS_KEY", "test")));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
