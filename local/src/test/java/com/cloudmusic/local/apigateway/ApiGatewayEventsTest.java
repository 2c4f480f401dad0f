package com.cloudmusic.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP requests become API Gateway HTTP API payload 2.0 events, and responses become HTTP, as AWS does it. */
class ApiGatewayEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");

    private static IncomingRequest request(String method, String path, String query, Map<String, List<String>> headers,
            byte[] body) {
        return new IncomingRequest(method, path, query, "HTTP/1.1", headers, body, "192.0.2.10");
    }

    @Test
    void event_hasTheVersion2Shape() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("User-Agent", List.of("curl/8.5"));
        headers.put("Accept", List.of("application/json", "text/plain"));
        headers.put("X-Forwarded-For", List.of("203.0.113.7"));
        headers.put("Cookie", List.of("a=1; b=2"));

        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(
                request("GET", "/v1/tracks/abc/audio", "format=mp3&x=%20y&x=z", headers, new byte[0]),
                "GET /v1/tracks/{id}/audio", Map.of("id", "abc"), "req-1", NOW);

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("GET /v1/tracks/{id}/audio");
        assertThat(event.getRawPath()).isEqualTo("/v1/tracks/abc/audio");
        assertThat(event.getRawQueryString()).isEqualTo("format=mp3&x=%20y&x=z");
        assertThat(event.getQueryStringParameters()).containsEntry("format", "mp3").containsEntry("x", " y,z");
        assertThat(event.getPathParameters()).containsExactlyEntriesOf(Map.of("id", "abc"));
        assertThat(event.getHeaders()).containsEntry("user-agent", "curl/8.5")
                .containsEntry("accept", "application/json,text/plain")
                .doesNotContainKey("cookie").doesNotContainKey("User-Agent");
        assertThat(event.getCookies()).containsExactly("a=1", "b=2");
        assertThat(event.getBody()).isNull();
        assertThat(event.getIsBase64Encoded()).isFalse();
        var context = event.getRequestContext();
        assertThat(context.getRequestId()).isEqualTo("req-1");
        assertThat(context.getRouteKey()).isEqualTo("GET /v1/tracks/{id}/audio");
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getTimeEpoch()).isEqualTo(NOW.toEpochMilli());
        assertThat(context.getHttp().getMethod()).isEqualTo("GET");
        assertThat(context.getHttp().getPath()).isEqualTo("/v1/tracks/abc/audio");
        assertThat(context.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(context.getHttp().getUserAgent()).isEqualTo("curl/8.5");
    }

    @Test
    void sourceIp_isTheSocketPeer_neverXForwardedFor() {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(
                request("GET", "/v1/quota", null, Map.of("X-Forwarded-For", List.of("203.0.113.7")), new byte[0]),
                "GET /v1/quota", Map.of(), "req-2", NOW);

        assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("192.0.2.10");
        assertThat(event.getRawQueryString()).isEmpty();
        assertThat(event.getQueryStringParameters()).isNull();
    }

    @Test
    void jsonBody_isPassedAsText() {
        byte[] body = "{\"mode\":\"guided\",\"note\":\"é\"}".getBytes(StandardCharsets.UTF_8);

        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(request("POST", "/v1/tracks", "",
                Map.of("Content-Type", List.of("application/json; charset=utf-8")), body), "POST /v1/tracks", Map.of(),
                "req-3", NOW);

        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getBody()).isEqualTo("{\"mode\":\"guided\",\"note\":\"é\"}");
    }

    @Test
    void binaryBody_isBase64Encoded() {
        byte[] body = {0, 1, 2, (byte) 0xFF, (byte) 0xFE};

        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(request("POST", "/v1/tracks", "",
                Map.of("Content-Type", List.of("application/octet-stream")), body), "POST /v1/tracks", Map.of(),
                "req-4", NOW);

        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).containsExactly(body);
    }

    @Test
    void jsonBodyThatIsNotWellFormedUtf8_passesThroughBase64Encoded_byteForByte() {
        // An overlong NUL (C0 80) and a lone continuation byte: a lossy decode would turn them into U+FFFD.
        byte[] body = {'{', '"', 'p', '"', ':', '"', (byte) 0xC0, (byte) 0x80, (byte) 0x80, '"', '}'};

        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(request("POST", "/v1/tracks", "",
                Map.of("Content-Type", List.of("application/json")), body), "POST /v1/tracks", Map.of(),
                "req-5", NOW);

        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).containsExactly(body);
    }

    @Test
    void answer_decodesBase64Bodies_andTurnsCookiesIntoSetCookie() {
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "image/png"))
                .withCookies(List.of("session=1; HttpOnly"))
                .withBody(Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                .withIsBase64Encoded(true)
                .build();

        ApiGatewayEvents.HttpAnswer answer = ApiGatewayEvents.toAnswer(response);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).containsExactly((byte) 0x89, 'P', 'N', 'G');
        assertThat(answer.headers()).containsEntry("content-type", List.of("image/png"))
                .containsEntry("set-cookie", List.of("session=1; HttpOnly"));
    }
}
