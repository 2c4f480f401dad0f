package com.cloudmusic.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.errors.DomainException;
import com.cloudmusic.log.Invocation;
import com.cloudmusic.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What every HTTP handler does around its routes: decode the event, let the routes answer, turn any
 * failure into the SPEC's error answer through {@link ErrorMapper}, and write one JSON log line with the
 * route, status, the fields the endpoint collected, the latency and the Lambda request id. Stack traces
 * and internal messages never reach the caller.
 */
public final class HttpEnvelope {

    /** Answers one decoded request; {@code log} collects the safe fields of its log line. */
    @FunctionalInterface
    public interface Handler {
        APIGatewayV2HTTPResponse answer(ApiRequest request, Map<String, Object> log);
    }

    private final JsonLog log;
    private final Clock clock;
    private final String logMessage;

    /** @param logMessage the {@code message} of each request's log line, e.g. "request" */
    public HttpEnvelope(JsonLog log, Clock clock, String logMessage) {
        this.log = Objects.requireNonNull(log, "log == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.logMessage = Objects.requireNonNull(logMessage, "logMessage == null");
    }

    /** Runs {@code handler} on the event with the error mapping and the log line around it. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context, Handler handler) {
        try (Invocation invocation = Invocation.begin(context == null ? null : context.getFunctionName(),
                context == null ? null : context.getAwsRequestId())) {
            return answer(event, handler);
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, Handler handler) {
        Instant started = clock.instant();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("route", "unmatched");
        APIGatewayV2HTTPResponse response;
        try {
            response = handler.answer(new ApiRequest(event), fields);
        } catch (DomainException e) {
            response = ErrorMapper.toResponse(e);
            fields.put("error", e.code());
            if (e.logDetail() != null) {
                fields.put("detail", e.logDetail());
            }
        } catch (RuntimeException e) {
            response = ErrorMapper.toResponse(e);
            fields.put("error", "internal_error");
            fields.put("exception", e.getClass().getName());
            // SDK and JDK messages name resources, never the caller's address or User-Agent.
            fields.put("detail", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("route", fields.remove("route"));
        line.put("status", response.getStatusCode());
        line.putAll(fields);
        line.put("latencyMs", Duration.between(started, clock.instant()).toMillis());
        // The Lambda request id and the job or event id come with every line, from the Invocation.
        log.log(response.getStatusCode() >= 500 ? JsonLog.Level.ERROR : JsonLog.Level.INFO, logMessage, line);
        return response;
    }
}
