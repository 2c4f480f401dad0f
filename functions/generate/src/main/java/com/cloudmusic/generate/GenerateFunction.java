package com.cloudmusic.generate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.cloudmusic.aws.SnapStartPriming;
import com.cloudmusic.json.Json;
import com.cloudmusic.log.Invocation;
import com.cloudmusic.log.JsonLog;
import com.cloudmusic.metrics.Metrics;
import com.cloudmusic.tracks.GenerationService;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;

/**
 * The queue consumer: one job per message, partial batch failures so one bad job never retries its
 * neighbours. Messages from the dead-letter queue end their job as failed and give the unit back.
 */
public final class GenerateFunction implements RequestHandler<SQSEvent, SQSBatchResponse>, Resource {

    static {
        // Runs when Lambda loads the handler, before the constructor builds the clients.
        SnapStartPriming.preloadDuringColdStart(GenerateWiring.CLASS_LIST, System.getenv());
    }

    private final GenerateWiring wiring;

    public GenerateFunction() {
        this(GenerateWiring.fromEnvironment());
    }

    public GenerateFunction(GenerateWiring wiring) {
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
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        try (Invocation invocation = Invocation.begin(context == null ? null : context.getFunctionName(),
                context == null ? null : context.getAwsRequestId())) {
            for (SQSEvent.SQSMessage message : records) {
                if (consume(message) == GenerationService.Outcome.RETRY) {
                    failures.add(SQSBatchResponse.BatchItemFailure.builder()
                            .withItemIdentifier(message.getMessageId()).build());
                }
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** One message: one job attempt, one log line, its metrics. */
    private GenerationService.Outcome consume(SQSEvent.SQSMessage message) {
        Optional<String> jobId = jobId(message.getBody());
        Invocation.correlate(jobId.orElse(null));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("messageId", message.getMessageId());
        if (jobId.isEmpty()) {
            // A message we cannot read will never become readable: drop it rather than loop.
            line.put("outcome", "discarded_malformed");
            wiring.log().warn("generate", line);
            return GenerationService.Outcome.DONE;
        }
        int receives = receiveCount(message);
        line.put("receiveCount", receives);
        GenerationService.Outcome outcome;
        JsonLog.Level level = JsonLog.Level.INFO;
        try {
            GenerationService.Attempt attempt;
            if (fromDeadLetterQueue(message)) {
                line.put("source", "dead_letter_queue");
                attempt = wiring.generation().deadLettered(jobId.get());
            } else {
                attempt = wiring.generation().process(jobId.get(), receives);
            }
            outcome = attempt.outcome();
            record(attempt, line);
            if (!attempt.result().equals("ready") && !attempt.result().equals("skipped")) {
                level = attempt.detail() != null && !"dead_letter_queue".equals(attempt.detail())
                        ? JsonLog.Level.ERROR : JsonLog.Level.WARN;
            }
        } catch (RuntimeException e) {
            // Our storage failed: let the queue try the message again.
            line.put("exception", e.getClass().getName());
            line.put("detail", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            outcome = GenerationService.Outcome.RETRY;
            level = JsonLog.Level.ERROR;
        }
        line.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
        if (outcome == GenerationService.Outcome.RETRY) {
            comeBackAfterBackoff(message, receives, line);
        }
        wiring.log().log(level, "generate", line);
        return outcome;
    }

    /**
     * Without this, a failed message waits the queue's whole visibility timeout (900 s) before its next
     * receive; with it, 15 s, then 60 s (SPEC §5). If the queue cannot be told, the timeout applies.
     */
    private void comeBackAfterBackoff(SQSEvent.SQSMessage message, int receives, Map<String, Object> line) {
        if (wiring.retries().isEmpty() || message.getReceiptHandle() == null || fromDeadLetterQueue(message)) {
            return; // a dead letter's receipt belongs to the other queue: its own timeout applies
        }
        Duration delay = GenerationService.retryDelay(receives);
        try {
            wiring.retries().get().redeliverAfter(message.getReceiptHandle(), delay);
            line.put("retryInSeconds", delay.toSeconds());
        } catch (RuntimeException e) {
            line.put("retryBackoffError", e.getClass().getName());
        }
    }

    private void record(GenerationService.Attempt attempt, Map<String, Object> line) {
        line.put("result", attempt.result());
        if (attempt.result().equals("skipped")) {
            return;
        }
        line.put("engine", attempt.engine());
        line.put("type", attempt.loopType());
        line.put("millis", attempt.millis());
        line.put("error", attempt.errorCode());
        line.put("detail", attempt.detail());
        Metrics metrics = wiring.metrics();
        metrics.generationFinished(attempt.engine(), attempt.loopType(), attempt.result(), attempt.millis());
        if (attempt.result().equals("retry")) {
            metrics.engineRetry(attempt.engine());
        }
        if (attempt.fallback()) {
            line.put("fallback", true);
            metrics.engineFallback(wiring.generation().engineName(), attempt.engine());
        }
    }

    private boolean fromDeadLetterQueue(SQSEvent.SQSMessage message) {
        String dlq = wiring.deadLetterQueueArn();
        return dlq != null && dlq.equals(message.getEventSourceArn());
    }

    static Optional<String> jobId(String body) {
        if (body == null || body.length() > 1024) {
            return Optional.empty();
        }
        return Json.readTree(body).map(node -> node.get("jobId"))
                .filter(id -> id.isTextual() && id.asText().matches("[0-9a-f-]{36}"))
                .map(JsonNode::asText);
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        try {
            return attributes == null ? 1 : Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
