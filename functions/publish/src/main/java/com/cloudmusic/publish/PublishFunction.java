package com.cloudmusic.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
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
        return wiring.service().run().toMap();
    }
}
