package com.cloudmusic.aws;

import com.cloudmusic.json.Json;
import com.cloudmusic.tracks.JobQueue;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The generation queue on SQS; a message carries only the job id. */
public final class SqsJobQueue implements JobQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsJobQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs == null");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl == null");
    }

    @Override
    public void send(String jobId) {
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(Json.write(Map.of("jobId", jobId))));
    }
}
