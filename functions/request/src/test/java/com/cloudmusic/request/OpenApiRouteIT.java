package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.testkit.OpenApiContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEmulatorsExtension.class)
class OpenApiRouteIT {

    @Test
    void openApiRoute_servesTheTopLevelDocument_asJson(AwsStack stack) {
        APIGatewayV2HTTPResponse response = new RequestFixture(stack).get("/v1/openapi.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("content-type")).startsWith("application/json");
        assertThat(RequestFixture.json(response)).isEqualTo(OpenApiContract.get().document());
    }
}
