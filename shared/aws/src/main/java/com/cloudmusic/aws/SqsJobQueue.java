package com.cloudmusic.aws;

import com.cloudmusic.json.Json;
import com.cloudmusic.tracks.JobQueue;
import com.cloudmusic.tracks.Redelivery;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The generation queue on SQS; a message carries only the job id. */
public final class SqsJobQueue implements JobQueue, Redelivery {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsJobQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs == null");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl == null");
    }

    @Override
    public void redeliverAfter(String receipt, Duration delay) {
        sqs.changeMessageVisibility(c -> c.queueUrl(queueUrl).receiptHandle(receipt)
                // SQS takes 0 to 43,200 seconds (12 hours).
                .visibilityTimeout((int) Math.min(43_200, Math.max(0, delay.toSeconds()))));
    }

    @Override
    public void send(String jobId) {
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(Json.write(Map.of("jobId", jobId))));
    }
}
