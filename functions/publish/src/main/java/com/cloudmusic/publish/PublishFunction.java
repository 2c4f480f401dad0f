package com.cloudmusic.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.cloudmusic.aws.SnapStartPriming;
import com.cloudmusic.log.Invocation;
import com.cloudmusic.metrics.Metrics;
import com.cloudmusic.publish.daily.RunSummary;
import java.util.Map;
import java.util.Objects;
import org.crac.Core;
import org.crac.Resource;

/**
 * The daily marketing run fired by the EventBridge schedule (and by the local runner's
 * {@code pipeline}): runs {@link PublishService} once and answers its summary.
 *
 * <p>The scheduled event is taken as a plain map: the run needs nothing from it, and the library's
 * {@code ScheduledEvent} type would bring Joda-Time into the jar.
 */
public final class PublishFunction implements RequestHandler<Map<String, Object>, Map<String, Object>>, Resource {

    static {
        // Runs when Lambda loads the handler, before the constructor builds the clients.
        SnapStartPriming.preloadDuringColdStart(PublishWiring.CLASS_LIST, System.getenv());
    }

    private final PublishWiring wiring;

    public PublishFunction() {
        this(PublishWiring.fromEnvironment());
    }

    public PublishFunction(PublishWiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring == null");
        // With SnapStart, Lambda snapshots the environment after this constructor: prime it first.
        Core.getGlobalContext().register(this);
    }

    /** SnapStart priming: the committed class list, a job read and an object lookup; writes nothing. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        wiring.priming().beforeCheckpoint();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        wiring.priming().afterRestore();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try (Invocation invocation = Invocation.begin(context == null ? null : context.getFunctionName(),
                context == null ? null : context.getAwsRequestId())) {
            // The EventBridge event's id names the run in every line it writes.
            Object eventId = event == null ? null : event.get("id");
            Invocation.correlate(eventId == null ? null : eventId.toString());
            RunSummary summary = wiring.service().run();
            record(summary);
            return summary.toMap();
        }
    }

    private void record(RunSummary summary) {
        Metrics metrics = wiring.metrics();
        summary.posted().forEach(entry -> metrics.publishPost((String) entry.get("channel"), "posted"));
        summary.skipped().forEach(entry -> metrics.publishPost((String) entry.get("channel"), "skipped"));
        summary.failed().forEach(entry -> metrics.publishPost((String) entry.get("channel"),
                Boolean.TRUE.equals(entry.get("permanent")) ? "failed_permanent" : "failed_transient"));
    }
}
