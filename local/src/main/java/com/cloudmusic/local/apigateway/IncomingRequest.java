package com.cloudmusic.local.apigateway;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One HTTP request as it reached the runner's socket, before it becomes an API Gateway event.
 *
 * @param rawPath     the path exactly as sent (still percent-encoded)
 * @param rawQuery    the query string as sent, without '?', empty when there is none
 * @param headers     header name (as sent) → values, in arrival order
 * @param sourceIp    the TCP peer's address: what API Gateway reports, never a header the client wrote
 */
public record IncomingRequest(String method, String rawPath, String rawQuery, String protocol,
        Map<String, List<String>> headers, byte[] body, String sourceIp) {

    /** API Gateway's payload limit. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    public IncomingRequest {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(rawPath, "rawPath == null");
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = headers == null ? Map.of() : headers;
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(sourceIp, "sourceIp == null");
    }

    /**
     * Reads the exchange's request; throws {@link BodyTooLargeException} past the payload limit.
     *
     * @param peers the client a connection stands for (the runner's front connects on its clients' behalf)
     */
    public static IncomingRequest from(HttpExchange exchange, Function<InetSocketAddress, InetAddress> peers)
            throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new BodyTooLargeException();
        }
        return new IncomingRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getProtocol(), headers, body,
                peers.apply(exchange.getRemoteAddress()).getHostAddress());
    }

    /** The request body is larger than API Gateway accepts. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body larger than " + MAX_BODY_BYTES + " bytes");
        }
    }
}
