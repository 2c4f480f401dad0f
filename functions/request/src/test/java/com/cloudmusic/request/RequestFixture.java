package com.cloudmusic.request;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.access.Fingerprinter;
import com.cloudmusic.aws.DynamoQuotaLedger;
import com.cloudmusic.config.Env;
import com.cloudmusic.http.Json;
import com.cloudmusic.testkit.ApiEvents;
import com.cloudmusic.testkit.AwsStack;
import com.cloudmusic.testkit.CapturedLog;
import com.cloudmusic.testkit.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The request function wired for real against one emulator stack, with a movable clock and a readable log. */
final class RequestFixture {
    static final String SECRET = "test-fingerprint-secret-0123456789";
    static final String IP = "198.51.100.23";
    static final String GUIDED = "{\"mode\":\"guided\",\"params\":{\"type\":\"bass\",\"bpm\":124,\"duration\":4}}";

    final AwsStack stack;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    final CapturedLog log = new CapturedLog();
    final RequestFunction function;

    RequestFixture(AwsStack stack) {
        this(stack, Map.of());
    }

    RequestFixture(AwsStack stack, Map<String, String> extraEnv) {
        this.stack = stack;
        Map<String, String> env = new HashMap<>(stack.environment());
        env.put("FINGERPRINT_SECRET", SECRET);
        env.putAll(extraEnv);
        this.function = new RequestFunction(RequestWiring.from(new Env(env), clock, log.log()));
    }

    APIGatewayV2HTTPResponse post(String body) {
        return post(body, ApiEvents.BROWSER);
    }

    APIGatewayV2HTTPResponse post(String body, String userAgent) {
        return function.handleRequest(ApiEvents.postJson("/v1/tracks", body, IP, userAgent), null);
    }

    APIGatewayV2HTTPResponse get(String path) {
        return function.handleRequest(ApiEvents.get(path, IP, ApiEvents.BROWSER), null);
    }

    APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        return function.handleRequest(event, null);
    }

    String fingerprint() {
        return new Fingerprinter(SECRET.getBytes(StandardCharsets.UTF_8)).fingerprint(IP, ApiEvents.BROWSER);
    }

    void addCredits(long credits) {
        new DynamoQuotaLedger(stack.dynamoDb(), stack.tableName(), 4, 3).addCredits(fingerprint(), credits);
    }

    JsonNode quota() {
        return json(get("/v1/quota"));
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    List<Map<String, AttributeValue>> allItems() {
        return stack.dynamoDb().scan(s -> s.tableName(stack.tableName())).items();
    }

    long jobCount() {
        return allItems().stream().filter(item -> item.get("pk").s().startsWith("job#")).count();
    }
}
