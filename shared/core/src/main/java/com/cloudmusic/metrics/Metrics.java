package com.cloudmusic.metrics;

import com.cloudmusic.log.JsonLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The product's CloudWatch metrics, written as Embedded Metric Format documents on the log stream (one
 * line per event; CloudWatch Logs extracts the values, no API call and no permission needed). Namespace
 * {@value #NAMESPACE}; every dimension takes a handful of values, never an id. The dashboard and alarms in
 * template.yaml read these names.
 */
public final class Metrics {

    public static final String NAMESPACE = "CloudMusic";

    /** CloudWatch units this writer uses. */
    public enum Unit {
        Count, Milliseconds
    }

    private final JsonLog log;

    public Metrics(JsonLog log) {
        this.log = Objects.requireNonNull(log, "log == null");
    }

    /** A generation request decided: ALLOW with where it was charged, or BLOCK (ChargeSource "none"). */
    public void generationRequested(String decision, String chargeSource) {
        emit(dims("Decision", decision, "ChargeSource", chargeSource), List.of(List.of("Decision", "ChargeSource")),
                "GenerationsRequested", 1, Unit.Count);
    }

    /**
     * One generation attempt ended: {@code result} is ready, failed (for good) or retry (the queue tries
     * again). Counted and timed by engine and loop type, and by result alone for the failure-rate alarm.
     */
    public void generationFinished(String engine, String loopType, String result, long millis) {
        Map<String, String> dims = dims("Engine", engine, "LoopType", loopType, "Result", result);
        List<List<String>> sets = List.of(List.of("Engine", "LoopType", "Result"), List.of("Result"));
        emit(dims, sets, Map.of("Generations", new Value(1, Unit.Count), "GenerationTime",
                new Value(millis, Unit.Milliseconds)));
    }

    /** The engine failed transiently and the job goes back to the queue for another attempt. */
    public void engineRetry(String engine) {
        emit(dims("Engine", engine), List.of(List.of("Engine")), "EngineRetries", 1, Unit.Count);
    }

    /** The primary engine failed for good and the fallback engine made the loop. */
    public void engineFallback(String engine, String fallback) {
        emit(dims("Engine", engine, "Fallback", fallback), List.of(List.of("Engine", "Fallback")),
                "EngineFallbacks", 1, Unit.Count);
    }

    /** Credits a verified Stripe event added to a wallet. */
    public void creditsGranted(String eventType, long credits) {
        emit(dims("EventType", eventType), List.of(List.of("EventType")), "CreditsGranted", credits, Unit.Count);
    }

    /** Credits a refund or dispute took back from a wallet. */
    public void creditsTakenBack(String eventType, long credits) {
        emit(dims("EventType", eventType), List.of(List.of("EventType")), "CreditsTakenBack", credits, Unit.Count);
    }

    /** A webhook delivery whose Stripe-Signature did not verify (missing, wrong, stale). */
    public void webhookSignatureFailure(String code) {
        emit(dims("Code", code), List.of(List.of("Code")), "WebhookSignatureFailures", 1, Unit.Count);
    }

    /** One teaser post by the publish run: posted, skipped, failed or refused, per channel. */
    public void publishPost(String channel, String outcome) {
        emit(dims("Channel", channel, "Outcome", outcome), List.of(List.of("Channel", "Outcome")),
                "PublishPosts", 1, Unit.Count);
    }

    private static Map<String, String> dims(String... namesAndValues) {
        Map<String, String> dims = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            dims.put(namesAndValues[i], value == null || value.isBlank() ? "unknown" : value);
        }
        return dims;
    }

    private record Value(double value, Unit unit) {
    }

    private void emit(Map<String, String> dims, List<List<String>> sets, String name, double value, Unit unit) {
        emit(dims, sets, Map.of(name, new Value(value, unit)));
    }

    private void emit(Map<String, String> dims, List<List<String>> sets, Map<String, Value> values) {
        List<Map<String, String>> definitions = values.entrySet().stream()
                .map(e -> Map.of("Name", e.getKey(), "Unit", e.getValue().unit().name())).toList();
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", NAMESPACE);
        directive.put("Dimensions", sets);
        directive.put("Metrics", definitions);
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", log.clock().millis());
        aws.put("CloudWatchMetrics", List.of(directive));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_aws", aws);
        document.putAll(dims);
        values.forEach((k, v) -> document.put(k, v.unit() == Unit.Count && v.value() == Math.rint(v.value())
                ? (Object) (long) v.value() : (Object) v.value()));
        log.document(document);
    }
}
