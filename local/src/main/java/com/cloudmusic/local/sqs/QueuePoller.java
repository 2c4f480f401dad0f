package com.cloudmusic.local.sqs;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.cloudmusic.local.lambda.LocalLambdaContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping for one queue: long-polls, hands the function batches shaped as
 * Lambda shapes them, deletes what succeeded, and makes reported failures visible again after the
 * retry delay, so the queue's redrive policy (not this class) decides when a message goes to the
 * dead-letter queue.
 */
public final class QueuePoller implements AutoCloseable {

    /** Seconds one receive waits for messages; short enough that stopping is quick. */
    public static final int WAIT_SECONDS = 2;

    /** Where the poller reads, and how. */
    public record Source(String functionName, String queueUrl, String queueArn, String region, int batchSize,
            boolean reportsBatchItemFailures) {
    }

    private final SqsClient sqs;
    private final Source source;
    private final RequestHandler<SQSEvent, SQSBatchResponse> function;
    private final ExecutorService workers;
    private final Semaphore batchesInFlight;
    private final Duration retryDelay;
    private final Consumer<String> problems;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param workers       runs the function; shared with the other pollers so generation stays off the HTTP threads
     * @param maxInFlight   batches of this queue handed to the workers at once
     * @param retryDelay    how long a failed message stays invisible before its next receive (the template's
     *                      visibility timeout suits a fleet of Lambdas, not one machine)
     */
    public QueuePoller(SqsClient sqs, Source source, RequestHandler<SQSEvent, SQSBatchResponse> function,
            ExecutorService workers, int maxInFlight, Duration retryDelay, Consumer<String> problems) {
        this.sqs = Objects.requireNonNull(sqs, "sqs == null");
        this.source = Objects.requireNonNull(source, "source == null");
        this.function = Objects.requireNonNull(function, "function == null");
        this.workers = Objects.requireNonNull(workers, "workers == null");
        this.batchesInFlight = new Semaphore(maxInFlight);
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay == null");
        this.problems = Objects.requireNonNull(problems, "problems == null");
        this.thread = new Thread(this::pollLoop, "sqs-poller-" + source.queueArn().substring(source.queueArn().lastIndexOf(':') + 1));
        this.thread.setDaemon(true);
    }

    public QueuePoller start() {
        thread.start();
        return this;
    }

    private void pollLoop() {
        while (running) {
            try {
                batchesInFlight.acquire();
            } catch (InterruptedException e) {
                return;
            }
            boolean handedOver = false;
            try {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(source.queueUrl())
                        .maxNumberOfMessages(Math.min(10, source.batchSize()))
                        .waitTimeSeconds(WAIT_SECONDS)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
                if (!messages.isEmpty() && running) {
                    workers.execute(() -> {
                        try {
                            deliver(messages);
                        } finally {
                            batchesInFlight.release();
                        }
                    });
                    handedOver = true;
                }
            } catch (RejectedExecutionException stopping) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return; // the emulators are going away under a pending receive
                }
                problems.accept("receiving from " + source.queueArn() + " failed: " + e.getMessage());
                pause();
            } finally {
                if (!handedOver) {
                    batchesInFlight.release();
                }
            }
        }
    }

    /** Invokes the function with one batch and settles every message the way Lambda does. */
    void deliver(List<Message> messages) {
        SQSEvent event = toEvent(messages);
        Set<String> failed = new HashSet<>();
        try {
            SQSBatchResponse response = function.handleRequest(event,
                    new LocalLambdaContext(source.functionName(), source.region(), 900));
            if (source.reportsBatchItemFailures() && response != null && response.getBatchItemFailures() != null) {
                Set<String> ids = new HashSet<>();
                messages.forEach(m -> ids.add(m.messageId()));
                for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                    String id = failure.getItemIdentifier();
                    if (id == null || !ids.contains(id)) {
                        // Lambda treats an unknown or empty identifier as a failure of the whole batch.
                        failed.addAll(ids);
                        break;
                    }
                    failed.add(id);
                }
            }
        } catch (RuntimeException e) {
            problems.accept(source.functionName() + " failed on a batch of " + messages.size() + ": " + e);
            messages.forEach(m -> failed.add(m.messageId()));
        }
        settle(messages, failed);
    }

    private void settle(List<Message> messages, Set<String> failed) {
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        List<ChangeMessageVisibilityBatchRequestEntry> retry = new ArrayList<>();
        int delay = (int) Math.min(43_200, retryDelay.toSeconds());
        for (Message message : messages) {
            if (failed.contains(message.messageId())) {
                retry.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(message.messageId())
                        .receiptHandle(message.receiptHandle()).visibilityTimeout(delay).build());
            } else {
                done.add(DeleteMessageBatchRequestEntry.builder().id(message.messageId())
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        try {
            if (!done.isEmpty()) {
                sqs.deleteMessageBatch(d -> d.queueUrl(source.queueUrl()).entries(done));
            }
            if (!retry.isEmpty()) {
                sqs.changeMessageVisibilityBatch(c -> c.queueUrl(source.queueUrl()).entries(retry));
            }
        } catch (RuntimeException e) {
            if (running) {
                problems.accept("settling messages on " + source.queueArn() + " failed: " + e.getMessage());
            }
        }
    }

    SQSEvent toEvent(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
            record.setAttributes(new HashMap<>(message.attributesAsStrings()));
            record.setMessageAttributes(messageAttributes(message.messageAttributes()));
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(source.queueArn());
            record.setAwsRegion(source.region());
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static Map<String, SQSEvent.MessageAttribute> messageAttributes(Map<String, MessageAttributeValue> values) {
        Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
        values.forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType(value.dataType());
            attribute.setStringValue(value.stringValue());
            if (value.binaryValue() != null) {
                attribute.setBinaryValue(value.binaryValue().asByteBuffer());
            }
            attribute.setStringListValues(value.stringListValues());
            attribute.setBinaryListValues(value.binaryListValues().stream().map(SdkBytes::asByteBuffer).toList());
            attributes.put(name, attribute);
        });
        return attributes;
    }

    private void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops receiving; batches already handed to the workers finish on their own. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    /** Waits for the receive in progress to end (at most one long-poll wait). */
    public void awaitStopped(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
