package com.cloudmusic.errors;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A failure the caller should hear about: what kind of failure it is, a snake_case code, a message for
 * humans and, when one field is at fault, its JSON path. The domain never picks an HTTP status; the one
 * mapper in the http module turns the kind into one.
 */
public class DomainException extends RuntimeException {

    /** What went wrong, as the caller sees it. */
    public enum Kind {
        /** The request is malformed or breaks a rule of the API. */
        INVALID,
        /** Nothing with that id (or route) exists for this caller. */
        NOT_FOUND,
        /** It exists but is not in a state that allows this yet. */
        NOT_READY,
        /** The caller has no unit left to pay with. */
        PAYMENT_REQUIRED,
        /** The caller is going too fast or has too much in flight. */
        TOO_MANY,
        /** The request is bigger than the API takes. */
        TOO_LARGE,
        /** The body is not in a media type the API takes. */
        UNSUPPORTED_MEDIA_TYPE,
        /** A provider we depend on refused our request: our problem, not worth retrying. */
        UPSTREAM_REFUSED,
        /** Something we depend on is unavailable right now: worth retrying. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final String field;

    public DomainException(Kind kind, String code, String message, String field) {
        super(Objects.requireNonNull(message, "message == null"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind == null");
        this.code = Objects.requireNonNull(code, "code == null");
        this.field = field;
    }

    public DomainException(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The JSON path (or header name) at fault, or null. */
    public String field() {
        return field;
    }

    /** Extra members the caller gets beside the error (e.g. the decision and quota of a BLOCK). */
    public Map<String, Object> details() {
        return Map.of();
    }

    /** For the log line, not the caller (e.g. a provider's error type and request id), or null. */
    public String logDetail() {
        return null;
    }

    /** Seconds after which trying again can succeed, when known. */
    public OptionalLong retryAfterSeconds() {
        return OptionalLong.empty();
    }

    public static DomainException invalid(String message, String field) {
        return new DomainException(Kind.INVALID, "invalid_request", message, field);
    }

    public static DomainException notFound(String message) {
        return new DomainException(Kind.NOT_FOUND, "not_found", message);
    }
}
