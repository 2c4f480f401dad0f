package com.cloudmusic.log;

import java.util.Map;
import java.util.Optional;

/**
 * What every log line and metric of one Lambda invocation carries: the function's name, the Lambda
 * request id and the correlation id of the unit of work (a job id, a Stripe event id, a publish run).
 * Held per thread, because the local runner runs every function in one JVM, each invocation on its own
 * thread, as Lambda runs one invocation per environment at a time.
 */
public final class Invocation implements AutoCloseable {

    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();
    private static final Invocation NONE = new Invocation(
            Optional.ofNullable(System.getenv("AWS_LAMBDA_FUNCTION_NAME")).orElse(null), null, null);

    private final String functionName;
    private final String requestId;
    private volatile String correlationId;
    private Invocation previous;

    private Invocation(String functionName, String requestId, String correlationId) {
        this.functionName = functionName;
        this.requestId = requestId;
        this.correlationId = correlationId;
    }

    /**
     * Starts an invocation on this thread; close it when the handler returns. A null function name
     * falls back to AWS_LAMBDA_FUNCTION_NAME.
     */
    public static Invocation begin(String functionName, String requestId) {
        Invocation invocation = new Invocation(functionName != null ? functionName : NONE.functionName, requestId,
                null);
        invocation.previous = CURRENT.get();
        CURRENT.set(invocation);
        return invocation;
    }

    /** The invocation of this thread (fields may be null outside one). */
    public static Invocation current() {
        Invocation current = CURRENT.get();
        return current != null ? current : NONE;
    }

    /** Names the unit of work the following lines are about, e.g. the job id; null clears it. */
    public static void correlate(String correlationId) {
        Invocation current = CURRENT.get();
        if (current != null) {
            current.correlationId = correlationId;
        }
    }

    public String functionName() {
        return functionName;
    }

    public String requestId() {
        return requestId;
    }

    public String correlationId() {
        return correlationId;
    }

    void addTo(Map<String, Object> line) {
        putIfSet(line, "functionName", functionName);
        putIfSet(line, "AWSRequestId", requestId);
        putIfSet(line, "correlationId", correlationId);
    }

    private static void putIfSet(Map<String, Object> line, String key, String value) {
        if (value != null) {
            line.putIfAbsent(key, value);
        }
    }

    @Override
    public void close() {
        if (CURRENT.get() == this) {
            if (previous != null) {
                CURRENT.set(previous);
            } else {
                CURRENT.remove();
            }
        }
    }
}
