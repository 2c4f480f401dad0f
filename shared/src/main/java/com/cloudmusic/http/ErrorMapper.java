package com.cloudmusic.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one mapping from exceptions to HTTP answers. Known failures keep their status and code; anything
 * else is a 500 whose body says nothing about our internals (the log line has the details).
 */
public final class ErrorMapper {

    private ErrorMapper() {
    }

    public static APIGatewayV2HTTPResponse toResponse(Throwable failure) {
        if (failure instanceof ApiException api) {
            return HttpResponses.json(api.status(), body(api), api.headers());
        }
        return HttpResponses.json(500, body(new ApiException(500, "internal_error",
                "Something went wrong on our side. Nothing was charged; please try again.")));
    }

    static Map<String, Object> body(ApiException api) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", api.code());
        error.put("message", api.getMessage());
        if (api.field() != null) {
            error.put("field", api.field());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.putAll(api.extraBody());
        return body;
    }
}
