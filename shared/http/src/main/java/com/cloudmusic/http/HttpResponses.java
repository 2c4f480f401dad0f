package com.cloudmusic.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builders for API Gateway HTTP API answers. */
public final class HttpResponses {

    public static final String JSON_TYPE = "application/json; charset=utf-8";

    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", JSON_TYPE);
        headers.put("cache-control", "no-store");
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(Json.write(body))
                .withIsBase64Encoded(false)
                .build();
    }

    public static APIGatewayV2HTTPResponse redirect(String location) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(302)
                .withHeaders(Map.of("location", location, "cache-control", "no-store"))
                .withIsBase64Encoded(false)
                .build();
    }
}
