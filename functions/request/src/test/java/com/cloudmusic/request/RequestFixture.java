package com.cloudmusic.request;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.access.Fingerprinter;
import com.cloudmusic.aws.DynamoQuotaLedger;
import com.cloudmusic.billing.PaymentGateway;
import com.cloudmusic.config.Env;
import com.cloudmusic.json.Json;
import com.cloudmusic.testkit.ApiEvents;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.testkit.CapturedLog;
import com.cloudmusic.testkit.OpenApiContract;
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
        this(stack, extraEnv, null);
    }

    /** @param gateway the payment gateway to inject, null for the environment's (Stripe or none) */
    RequestFixture(AwsStack stack, Map<String, String> extraEnv, PaymentGateway gateway) {
        this.stack = stack;
        Map<String, String> env = new HashMap<>(stack.environment());
        env.put("FINGERPRINT_SECRET", SECRET);
        env.putAll(extraEnv);
        this.function = new RequestFunction(gateway == null
                ? RequestWiring.from(new Env(env), clock, log.log())
                : RequestWiring.from(new Env(env), clock, log.log(), gateway));
    }

    APIGatewayV2HTTPResponse post(String body) {
        return post(body, ApiEvents.BROWSER);
    }

    APIGatewayV2HTTPResponse post(String body, String userAgent) {
        return send(ApiEvents.postJson("/v1/tracks", body, IP, userAgent));
    }

    APIGatewayV2HTTPResponse get(String path) {
        return send(ApiEvents.get(path, IP, ApiEvents.BROWSER));
    }

    /** Every answer is checked against openapi.yaml: an undocumented status, header or field fails the test. */
    APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = function.handleRequest(event, null);
        OpenApiContract.get().verify(event, response);
        return response;
    }

    /** A request with extra headers, e.g. X-Wallet-Key; body null for none. */
    APIGatewayV2HTTPResponse send(String method, String path, String body, String ip, String userAgent,
            Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        if (body != null) {
            all.putIfAbsent("content-type", "application/json");
        }
        return send(ApiEvents.event(method, path, body, ip, userAgent, all));
    }

    APIGatewayV2HTTPResponse checkout(String body, Map<String, String> headers) {
        return send("POST", "/v1/checkout", body, IP, ApiEvents.BROWSER, headers);
    }

    static String hash(String walletKey) {
        return new Fingerprinter(SECRET.getBytes(StandardCharsets.UTF_8)).hmacHex(walletKey);
    }

    /** Creates the wallet of {@code walletKey} holding {@code credits}, as a granted purchase leaves it. */
    void fundWallet(String walletKey, long credits) {
        new com.cloudmusic.aws.DynamoWallets(stack.dynamoDb(), stack.tableName()).create(hash(walletKey), clock.instant(), clock.instant().plusSeconds(86400 * 30));
        stack.dynamoDb().updateItem(u -> u.tableName(stack.tableName())
                .key(Map.of("pk", AttributeValue.fromS("wallet#" + hash(walletKey)), "sk", AttributeValue.fromS("wallet")))
                .updateExpression("ADD credits :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Long.toString(credits)))));
    }

    long walletCredits(String walletKey) {
        var item = stack.dynamoDb().getItem(g -> g.tableName(stack.tableName())
                .key(Map.of("pk", AttributeValue.fromS("wallet#" + hash(walletKey)), "sk", AttributeValue.fromS("wallet")))
                .consistentRead(true)).item();
        return item == null || !item.containsKey("credits") ? -1 : Long.parseLong(item.get("credits").n());
    }

    long itemCount(String pkPrefix) {
        return allItems().stream().filter(item -> item.get("pk").s().startsWith(pkPrefix)).count();
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
            return Json.mapper().readTree(response.getBody());
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
