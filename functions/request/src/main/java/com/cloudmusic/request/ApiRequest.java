package com.cloudmusic.request;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.cloudmusic.errors.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads what a handler needs from an API Gateway HTTP API (v2.0) event, enforcing the SPEC's limits. */
final class ApiRequest {

    static final int MAX_BODY_BYTES = 16 * 1024;

    private final APIGatewayV2HTTPEvent event;

    ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    String method() {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        return http == null || http.getMethod() == null ? "GET" : http.getMethod().toUpperCase(Locale.ROOT);
    }

    String path() {
        if (event.getRawPath() != null) {
            return event.getRawPath();
        }
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        return http == null || http.getPath() == null ? "/" : http.getPath();
    }

    Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(entry.getValue());
            }
        }
        return Optional.empty();
    }

    Optional<String> query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? Optional.empty() : Optional.ofNullable(query.get(name));
    }

    /** The API Gateway source IP: never a client-supplied header such as X-Forwarded-For. */
    String sourceIp() {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String ip = http == null ? null : http.getSourceIp();
        if (ip == null || ip.isBlank()) {
            throw new DomainException(DomainException.Kind.INVALID, "invalid_request", "The request has no source address.");
        }
        return ip;
    }

    String userAgent() {
        String ua = header("user-agent").orElse(null);
        if (ua == null || ua.isBlank()) {
            throw new DomainException(DomainException.Kind.INVALID, "invalid_request", "A User-Agent header is required.", "User-Agent");
        }
        if (ua.length() > 1024) {
            throw new DomainException(DomainException.Kind.INVALID, "invalid_request", "The User-Agent header is too long.", "User-Agent");
        }
        return ua;
    }

    /**
     * Where this request was addressed, e.g. {@code https://abc.execute-api.eu-west-1.amazonaws.com}:
     * the Host header (API Gateway sets it to the API's domain) and the scheme from
     * X-Forwarded-Proto (http when absent, as behind the local runner).
     */
    String origin() {
        String host = header("host").map(String::trim).orElse("");
        if (!host.matches("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?")) {
            throw new DomainException(DomainException.Kind.INVALID, "invalid_request", "The request has no usable Host header.", "Host");
        }
        String proto = header("x-forwarded-proto").map(p -> p.split(",")[0].trim().toLowerCase(Locale.ROOT)).orElse("http");
        return (proto.equals("https") ? "https" : "http") + "://" + host;
    }

    /** The JSON body, decoded and checked for size and media type before anyone parses it. */
    String jsonBody() {
        String contentType = header("content-type").orElse("application/json").toLowerCase(Locale.ROOT).trim();
        if (!contentType.equals("application/json") && !contentType.startsWith("application/json;")) {
            throw new DomainException(DomainException.Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send the body as application/json.");
        }
        String raw = event.getBody() == null ? "" : event.getBody();
        if (raw.length() > MAX_BODY_BYTES * 4) {
            throw tooLarge();
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                throw new DomainException(DomainException.Kind.INVALID, "invalid_request", "The body is not valid base64.");
            }
        } else {
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DomainException(DomainException.Kind.INVALID, "invalid_request", "The body is not valid UTF-8.");
        }
    }

    private static DomainException tooLarge() {
        return new DomainException(DomainException.Kind.TOO_LARGE, "payload_too_large", "The body must be at most " + MAX_BODY_BYTES + " bytes.");
    }
}
