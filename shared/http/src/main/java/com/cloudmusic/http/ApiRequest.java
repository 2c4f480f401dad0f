package com.cloudmusic.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.cloudmusic.errors.DomainException;
import com.cloudmusic.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One API Gateway HTTP API (payload 2.0) request as a handler reads it: method, path, headers looked up
 * case-insensitively, query, the source address, and the body decoded (base64 or text) within a size limit.
 */
public final class ApiRequest {

    /** SPEC §2: request bodies are at most 16 KiB. */
    public static final int MAX_JSON_BODY_BYTES = 16 * 1024;

    private final APIGatewayV2HTTPEvent event;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = Objects.requireNonNull(event, "event == null");
    }

    public String method() {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        return http == null || http.getMethod() == null ? "GET" : http.getMethod().toUpperCase(Locale.ROOT);
    }

    public String path() {
        if (event.getRawPath() != null) {
            return event.getRawPath();
        }
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        return http == null || http.getPath() == null ? "/" : http.getPath();
    }

    /** A header by name, whatever its case (API Gateway lower-cases them; hand-made events may not). */
    public Optional<String> header(String name) {
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

    public Optional<String> query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? Optional.empty() : Optional.ofNullable(query.get(name));
    }

    /** The API Gateway source IP: never a client-supplied header such as X-Forwarded-For. */
    public String sourceIp() {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String ip = http == null ? null : http.getSourceIp();
        if (ip == null || ip.isBlank()) {
            throw DomainException.invalid("The request has no source address.", null);
        }
        return ip;
    }

    public String userAgent() {
        String ua = header("user-agent").orElse(null);
        if (ua == null || ua.isBlank()) {
            throw DomainException.invalid("A User-Agent header is required.", "User-Agent");
        }
        if (ua.length() > 1024) {
            throw DomainException.invalid("The User-Agent header is too long.", "User-Agent");
        }
        return ua;
    }

    /**
     * Where this request was addressed, e.g. {@code https://abc.execute-api.eu-west-1.amazonaws.com}:
     * the Host header (API Gateway sets it to the API's domain) and the scheme from
     * X-Forwarded-Proto (http when absent, as behind the local runner).
     */
    public String origin() {
        String host = header("host").map(String::trim).orElse("");
        if (!host.matches("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?")) {
            throw DomainException.invalid("The request has no usable Host header.", "Host");
        }
        String proto = header("x-forwarded-proto").map(p -> p.split(",")[0].trim().toLowerCase(Locale.ROOT)).orElse("http");
        return (proto.equals("https") ? "https" : "http") + "://" + host;
    }

    /**
     * The body's bytes exactly as the client sent them: API Gateway hands text bodies over as they are
     * and everything else base64-encoded. Empty when there is none.
     */
    public byte[] body(int maxBytes) {
        String raw = event.getBody() == null ? "" : event.getBody();
        // A cheap bound before decoding anything: base64 is 4/3 of the bytes, UTF-8 text at least 1 char per byte.
        if (raw.length() > maxBytes / 3 * 4 + 4) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("The body is not valid base64.", null);
            }
        } else {
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return bytes;
    }

    /**
     * The JSON body as text, checked before anyone parses it: media type {@code application/json} (no
     * charset or UTF-8, else 415), at most 16 KiB (else 413), well-formed UTF-8. Parse it with
     * {@link StrictJson}.
     */
    public String jsonBody() {
        requireJsonMediaType(header("content-type").orElse(null));
        return StrictJson.utf8(body(MAX_JSON_BODY_BYTES));
    }

    /** {@code application/json}, optionally with {@code charset=utf-8}; anything else (or nothing) is a 415. */
    static void requireJsonMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupportedMediaType("The Content-Type header is missing; send the body as application/json.");
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            throw unsupportedMediaType("Send the body as application/json, not " + parts[0].strip() + ".");
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT).replace(" ", "");
            if (!parameter.equals("charset=utf-8") && !parameter.equals("charset=\"utf-8\"")) {
                throw unsupportedMediaType("The body must be UTF-8 application/json; only charset=utf-8 is taken.");
            }
        }
    }

    private static DomainException unsupportedMediaType(String message) {
        return new DomainException(DomainException.Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", message,
                "Content-Type");
    }

    private static DomainException tooLarge(int maxBytes) {
        return new DomainException(DomainException.Kind.TOO_LARGE, "payload_too_large",
                "The body must be at most " + maxBytes + " bytes.");
    }
}
