package com.cloudmusic.generate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.cloudmusic.tracks.Reconciler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The scheduled reconciler (SPEC §4.8), fired by its EventBridge rule every few minutes: one run of
 * {@link Reconciler}, logged and returned. It shares the generate function's jar; the event carries
 * nothing it needs.
 */
public final class ReconcileFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final ReconcileWiring wiring;

    public ReconcileFunction() {
        this(ReconcileWiring.fromEnvironment());
    }

    public ReconcileFunction(ReconcileWiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring == null");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Reconciler.Report report = wiring.reconciler().run();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("unfinished", report.unfinished());
        line.put("resent", report.resent());
        line.put("failedStuck", report.failedStuck());
        line.put("slotsRepaired", report.slotsRepaired());
        Map<String, Object> logged = new LinkedHashMap<>(line);
        if (context != null) {
            logged.put("AWSRequestId", context.getAwsRequestId());
        }
        wiring.log().info("reconcile", logged);
        return line;
    }
}
