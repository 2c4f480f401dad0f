package com.cloudmusic.generate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.cloudmusic.json.Json;
import com.cloudmusic.tracks.GenerationService;
import com.fasterxml.jackson.databind.JsonNode;
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
        for (SQSEvent.SQSMessage message : records) {
            Optional<String> jobId = jobId(message.getBody());
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("messageId", message.getMessageId());
            if (jobId.isEmpty()) {
                // A message we cannot read will never become readable: drop it rather than loop.
                line.put("outcome", "discarded_malformed");
                wiring.log().write("generate", line);
                continue;
            }
            line.put("jobId", jobId.get());
            int receives = receiveCount(message);
            line.put("receiveCount", receives);
            GenerationService.Outcome outcome;
            try {
                if (fromDeadLetterQueue(message)) {
                    wiring.generation().deadLettered(jobId.get());
                    outcome = GenerationService.Outcome.DONE;
                    line.put("source", "dead_letter_queue");
                } else {
                    outcome = wiring.generation().process(jobId.get(), receives);
                }
            } catch (RuntimeException e) {
                // Our storage failed: let the queue try the message again.
                line.put("exception", e.getClass().getName());
                outcome = GenerationService.Outcome.RETRY;
            }
            line.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
            wiring.log().write("generate", line);
            if (outcome == GenerationService.Outcome.RETRY) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private boolean fromDeadLetterQueue(SQSEvent.SQSMessage message) {
        String dlq = wiring.deadLetterQueueArn();
        return dlq != null && dlq.equals(message.getEventSourceArn());
    }

    static Optional<String> jobId(String body) {
        if (body == null || body.length() > 1024) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            JsonNode id = node == null ? null : node.get("jobId");
            if (id == null || !id.isTextual() || !id.asText().matches("[0-9a-f-]{36}")) {
                return Optional.empty();
            }
            return Optional.of(id.asText());
        } catch (Exception e) {
            return Optional.empty();
        }
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
