package com.cloudmusic.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.cloudmusic.access.Caller;
import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.DynamoQuotaLedger;
import com.cloudmusic.aws.S3TrackStore;
import com.cloudmusic.aws.SqsJobQueue;
import com.cloudmusic.config.Env;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.testkit.CapturedLog;
import com.cloudmusic.testkit.MutableClock;
import com.cloudmusic.tracks.GenerationRequestParser;
import com.cloudmusic.tracks.Job;
import com.cloudmusic.tracks.Redelivery;
import com.cloudmusic.tracks.TrackService;
import com.cloudmusic.tracks.TrackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §5: a transient failure brings its message back after 15 s, then 60 s, instead of the queue's
 * 900 s visibility timeout; the job that fails for good says what really happened.
 */
@ExtendWith(AwsEmulatorsExtension.class)
class RetryBackoffIT {

    private static final String GUIDED = "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":128,\"duration\":4}}";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final CapturedLog log = new CapturedLog();

    /** An engine whose remote side is down: a transient failure, as Replicate's 5xx is. */
    private static final MusicEngine DOWN = new MusicEngine() {
        @Override
        public String name() {
            return "down";
        }

        @Override
        public RenderedLoop render(LoopSpec spec, EngineContext context) throws EngineException {
            throw new EngineException("engine_unavailable", "Replicate is unavailable (HTTP 503).", false);
        }
    };

    /** Records what the handler asked of the queue, and passes it on to the real one. */
    private static final class RecordingQueue implements Redelivery {
        final List<Duration> delays = new CopyOnWriteArrayList<>();
        final SqsJobQueue real;

        RecordingQueue(SqsJobQueue real) {
            this.real = real;
        }

        @Override
        public void redeliverAfter(String receipt, Duration delay) {
            delays.add(delay);
            real.redeliverAfter(receipt, delay);
        }
    }

    @Test
    void transientFailures_comeBackAfter15Then60Seconds_andTheThirdFailsForGoodSayingSo(AwsStack stack) {
        Job job = request(stack);
        RecordingQueue queue = new RecordingQueue(new SqsJobQueue(stack.sqs(), stack.queueUrl()));
        GenerateWiring real = GenerateWiring.from(new Env(stack.environment()), DOWN, clock, log.log());
        GenerateFunction function = new GenerateFunction(new GenerateWiring(real.generation(), real.deadLetterQueueArn(),
                Optional.of(queue), log.log(), real.priming()));

        for (int receive = 1; receive <= 3; receive++) {
            SQSEvent event = GenerateFunctionIT.receive(stack, stack.queueUrl());
            event.getRecords().get(0).getAttributes().put("ApproximateReceiveCount", Integer.toString(receive));
            assertThat(function.handleRequest(event, null).getBatchItemFailures()).hasSize(1);
            // The test plays the clock: bring the message back now rather than wait for the backoff.
            new SqsJobQueue(stack.sqs(), stack.queueUrl()).redeliverAfter(event.getRecords().get(0).getReceiptHandle(),
                    Duration.ZERO);
        }

        assertThat(queue.delays).containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofSeconds(240));
        Job failed = new DynamoJobStore(stack.dynamoDb(), stack.tableName()).find(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TrackStatus.FAILED);
        assertThat(failed.errorMessage()).contains("given back").doesNotContainIgnoringCase("will be retried");
        assertThat(log.lines()).anyMatch(line -> line.contains("\"retryInSeconds\":15"));
    }

    @Test
    void redeliverAfter_makesAReceivedMessageVisibleAgainAtOnce_withAZeroDelay(AwsStack stack) {
        request(stack);
        SQSEvent first = GenerateFunctionIT.receive(stack, stack.queueUrl());
        assertThat(GenerateFunctionIT.receive(stack, stack.queueUrl()).getRecords()).isEmpty(); // hidden for 900 s

        new SqsJobQueue(stack.sqs(), stack.queueUrl()).redeliverAfter(first.getRecords().get(0).getReceiptHandle(),
                Duration.ZERO);

        assertThat(GenerateFunctionIT.receive(stack, stack.queueUrl()).getRecords()).hasSize(1);
    }

    private Job request(AwsStack stack) {
        TrackService service = new TrackService(new DynamoQuotaLedger(stack.dynamoDb(), stack.tableName(), 4, 3),
                new DynamoJobStore(stack.dynamoDb(), stack.tableName()), new SqsJobQueue(stack.sqs(), stack.queueUrl()),
                new S3TrackStore(stack.s3(), stack.presigner(), stack.bucketName()), clock, "down");
        return service.request(Caller.anonymous("fp-backoff"), GenerationRequestParser.parse(GUIDED)).job();
    }
}
