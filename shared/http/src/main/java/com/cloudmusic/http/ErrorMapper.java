package com.cloudmusic.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.errors.DomainException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one mapping from failures to HTTP answers: the kind of a domain failure picks the status, its code,
 * message and field make the SPEC §2 error body. Anything else is a 500 whose body says nothing about our
 * internals (the log line has the details).
 */
public final class ErrorMapper {

    private ErrorMapper() {
    }

    public static int status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case PAYMENT_REQUIRED -> 402;
            case NOT_FOUND -> 404;
            case NOT_READY -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case TOO_MANY -> 429;
            case UPSTREAM_REFUSED -> 502;
            case UNAVAILABLE -> 503;
        };
    }

    public static APIGatewayV2HTTPResponse toResponse(Throwable failure) {
        if (failure instanceof DomainException known) {
            Map<String, String> headers = known.retryAfterSeconds().isPresent()
                    ? Map.of("retry-after", Long.toString(known.retryAfterSeconds().getAsLong()))
                    : Map.of();
            return HttpResponses.json(status(known.kind()), body(known), headers);
        }
        return HttpResponses.json(500, body(new DomainException(DomainException.Kind.UNAVAILABLE, "internal_error",
                "Something went wrong on our side. Nothing was charged; please try again.")));
    }

    static Map<String, Object> body(DomainException failure) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", failure.code());
        error.put("message", failure.getMessage());
        if (failure.field() != null) {
            error.put("field", failure.field());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.putAll(failure.details());
        return body;
    }
}
