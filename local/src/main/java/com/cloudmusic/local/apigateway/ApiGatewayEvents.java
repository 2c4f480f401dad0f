package com.cloudmusic.local.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates between HTTP and the API Gateway HTTP API payload format 2.0, as API Gateway does it:
 * lower-cased headers with repeated ones joined by commas, cookies moved to their own list, query
 * parameters decoded (repeated ones joined by commas), and the body's bytes unchanged: as text when
 * textual and well-formed UTF-8, base64 otherwise.
 */
public final class ApiGatewayEvents {

    static final String API_ID = "local";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ApiGatewayEvents() {
    }

    /**
     * @param routeKey       the template route that matched, e.g. "GET /v1/tracks/{id}"
     * @param pathParameters the values of the route's path parameters
     */
    public static APIGatewayV2HTTPEvent toEvent(IncomingRequest request, String routeKey,
            Map<String, String> pathParameters, String requestId, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.strip());
                        }
                    }
                }
                return;
            }
            headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
        });
        String userAgent = headers.get("user-agent");
        String contentType = headers.getOrDefault("content-type", "");
        boolean hasBody = request.body().length > 0;
        // Bytes pass through unchanged: text only when it is textual and well-formed UTF-8, base64 otherwise.
        String asText = hasBody && isText(contentType) ? utf8(request.body()) : null;
        boolean text = asText != null;
        String body = !hasBody ? null : text ? asText : Base64.getEncoder().encodeToString(request.body());
        String host = headers.getOrDefault("host", "localhost");

        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(request.rawPath())
                .withRawQueryString(request.rawQuery())
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(queryParameters(request.rawQuery()))
                .withPathParameters(pathParameters == null || pathParameters.isEmpty() ? null : pathParameters)
                .withBody(body)
                .withIsBase64Encoded(hasBody && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("000000000000")
                        .withApiId(API_ID)
                        .withDomainName(host)
                        .withDomainPrefix(host.contains(".") ? host.substring(0, host.indexOf('.')) : host)
                        .withRequestId(requestId)
                        .withRouteKey(routeKey)
                        .withStage("$default")
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(request.method().toUpperCase(Locale.ROOT))
                                .withPath(request.rawPath())
                                .withProtocol(request.protocol())
                                .withSourceIp(request.sourceIp())
                                .withUserAgent(userAgent)
                                .build())
                        .build())
                .build();
    }

    /** The bytes as text, or null when they are not well-formed UTF-8 (a lossy decode would alter the body). */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** API Gateway passes JSON, text, XML, JavaScript and form bodies as text; everything else as base64. */
    static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        return media.startsWith("text/")
                || media.equals("application/json") || media.endsWith("+json")
                || media.equals("application/xml") || media.endsWith("+xml")
                || media.equals("application/javascript")
                || media.equals("application/x-www-form-urlencoded");
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /** The HTTP answer for a handler's response: status, headers, cookies and the (decoded) body. */
    public record HttpAnswer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    public static HttpAnswer toAnswer(APIGatewayV2HTTPResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (value != null) {
                    headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
                }
            });
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> {
                if (values != null) {
                    headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
                }
            });
        }
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            headers.computeIfAbsent("set-cookie", k -> new ArrayList<>()).addAll(response.getCookies());
        }
        String raw = response.getBody();
        byte[] body = raw == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(raw) : raw.getBytes(StandardCharsets.UTF_8);
        // API Gateway answers 200 when a payload 2.0 response leaves the status out.
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        return new HttpAnswer(status, headers, body);
    }
}
