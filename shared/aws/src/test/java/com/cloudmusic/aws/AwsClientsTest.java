package com.cloudmusic.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.config.Env;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class AwsClientsTest {

    @Test
    void credentials_onLambda_comeFromTheRuntimesEnvironmentVariables_withoutTheDefaultChainsProbing() {
        AwsSettings lambda = AwsSettings.from(new Env(Map.of("AWS_LAMBDA_FUNCTION_NAME", "RequestFunction",
                "AWS_REGION", "eu-west-1")));

        assertThat(AwsClients.credentials(lambda)).isInstanceOf(EnvironmentVariableCredentialsProvider.class);
    }

    @Test
    void credentials_forEmulators_areTheStaticTestKeys_andElsewhereTheDefaultChain() {
        AwsSettings emulated = AwsSettings.from(new Env(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")));
        AwsSettings laptop = AwsSettings.from(new Env(Map.of("AWS_REGION", "eu-west-1")));

        assertThat(AwsClients.credentials(emulated)).isInstanceOf(StaticCredentialsProvider.class);
        assertThat(AwsClients.credentials(laptop)).isInstanceOf(DefaultCredentialsProvider.class);
    }

    @Test
    void regionalEndpoint_isTheServicesEndpointInTheRegion_includingChina() {
        assertThat(AwsSettings.from(new Env(Map.of("AWS_REGION", "eu-west-1"))).regionalEndpoint("dynamodb"))
                .isEqualTo(URI.create("https://dynamodb.eu-west-1.amazonaws.com"));
        assertThat(AwsSettings.from(new Env(Map.of("AWS_REGION", "cn-north-1"))).regionalEndpoint("sqs"))
                .isEqualTo(URI.create("https://sqs.cn-north-1.amazonaws.com.cn"));
    }

    @Test
    void dynamoDb_onLambda_pointsAtTheRegionalEndpoint() {
        AwsSettings lambda = AwsSettings.from(new Env(Map.of("AWS_LAMBDA_FUNCTION_NAME", "RequestFunction",
                "AWS_REGION", "eu-west-1")));

        try (var http = AwsClients.httpClient(lambda); var dynamo = AwsClients.dynamoDb(lambda, http)) {
            assertThat(dynamo.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("https://dynamodb.eu-west-1.amazonaws.com"));
            assertThat(dynamo.serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
        }
    }

    @Test
    void httpClient_onLambdaAndForEmulators_opensTheJdksConnections_withTheSdksTimeouts() {
        HttpURLConnection connection = AwsClients.openConnection(URI.create("http://127.0.0.1:4566/"));

        assertThat(connection.getConnectTimeout()).isEqualTo(2_000);
        assertThat(connection.getReadTimeout()).isEqualTo(30_000);
        assertThat(AwsClients.openConnection(URI.create("https://dynamodb.eu-west-1.amazonaws.com/")))
                .isInstanceOf(HttpsURLConnection.class);
    }
}
