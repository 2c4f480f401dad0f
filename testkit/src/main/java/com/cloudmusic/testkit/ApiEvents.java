package com.cloudmusic.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds API Gateway HTTP API (payload 2.0) events the way API Gateway sends them. */
public final class ApiEvents {

    public static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/126.0 Safari/537.36";

    private ApiEvents() {
    }

    public static APIGatewayV2HTTPEvent get(String path, String sourceIp, String userAgent) {
        return event("GET", path, null, sourceIp, userAgent, Map.of());
    }

    public static APIGatewayV2HTTPEvent postJson(String path, String body, String sourceIp, String userAgent) {
        return event("POST", path, body, sourceIp, userAgent, Map.of("content-type", "application/json"));
    }

    /**
     * @param pathAndQuery e.g. "/v1/tracks?limit=5"
     * @param userAgent    null to send no User-Agent header
     */
    public static APIGatewayV2HTTPEvent event(String method, String pathAndQuery, String body, String sourceIp,
            String userAgent, Map<String, String> extraHeaders) {
        String path = pathAndQuery;
        String query = "";
        int mark = pathAndQuery.indexOf('?');
        if (mark >= 0) {
            path = pathAndQuery.substring(0, mark);
            query = pathAndQuery.substring(mark + 1);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "localhost");
        if (userAgent != null) {
            headers.put("user-agent", userAgent);
        }
        extraHeaders.forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        Map<String, String> queryParameters = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                queryParameters.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath(path)
                .withRawQueryString(query)
                .withHeaders(headers)
                .withQueryStringParameters(queryParameters.isEmpty() ? null : queryParameters)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withSourceIp(sourceIp)
                                .withUserAgent(userAgent)
                                .withProtocol("HTTP/1.1")
                                .build())
                        .withRequestId("test-" + System.nanoTime())
                        .withStage("$default")
                        .build())
                .build();
    }
}
