package com.cloudmusic.http;

import java.util.Map;
import java.util.Objects;

/**
 * A failure the caller should see as an HTTP answer: a status, a snake_case code, a message for humans
 * and, when one field is at fault, its JSON path. {@link ErrorMapper} turns it into the SPEC §2 shape.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String message, String field) {
        super(Objects.requireNonNull(message, "message == null"), null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code == null");
        this.field = field;
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    /** Extra top-level members of the error body (e.g. decision and quota on a 402). */
    public Map<String, Object> extraBody() {
        return Map.of();
    }

    /** Extra response headers (e.g. Retry-After). */
    public Map<String, String> headers() {
        return Map.of();
    }

    public static ApiException invalid(String message, String field) {
        return new ApiException(400, "invalid_request", message, field);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }
}
