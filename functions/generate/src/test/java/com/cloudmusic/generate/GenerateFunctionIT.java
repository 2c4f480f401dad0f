package com.cloudmusic.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.cloudmusic.access.Caller;
import com.cloudmusic.audio.WavFile;
import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.DynamoQuotaLedger;
import com.cloudmusic.aws.S3TrackStore;
import com.cloudmusic.aws.SqsJobQueue;
import com.cloudmusic.config.Env;
import com.cloudmusic.engine.ToneEngine;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.KitPart;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import com.cloudmusic.quota.Quota;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.testkit.CapturedLog;
import com.cloudmusic.testkit.MutableClock;
import com.cloudmusic.tracks.GenerationRequestParser;
import com.cloudmusic.tracks.Job;
import com.cloudmusic.tracks.TrackFile;
import com.cloudmusic.tracks.TrackService;
import com.cloudmusic.tracks.TrackStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * SPEC §5 on the emulators: a job requested through the track service travels through the real SQS
 * queue to the generate function, which moves it to ready (files in S3 first) or, failing for good,
 * to failed with its unit given back exactly once.
 */
@ExtendWith(AwsEmulatorsExtension.class)
class GenerateFunctionIT {

    private static final String GUIDED = "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":128,\"duration\":4}}";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final CapturedLog log = new CapturedLog();

    @Test
    void message_turnsTheQueuedJobReady_withAWavOfWholeBarsInS3(AwsStack stack) {
        Job job = requestTrack(stack, GUIDED);
        GenerateFunction function = function(stack, new ToneEngine());

        SQSBatchResponse response = function.handleRequest(receive(stack, stack.queueUrl()), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        Job ready = jobs(stack).find(job.id()).orElseThrow();
        assertThat(ready.status()).isEqualTo(TrackStatus.READY);
        WavFile wav = WavFile.parse(trackStore(stack).read(job.id(), TrackFile.WAV));
        assertThat(wav.frames()).isEqualTo(LoopSpec.framesFor(128, 2));
        assertThat(wav.sampleRate()).isEqualTo(44_100);
        assertThat(wav.channels()).isEqualTo(2);
        assertThat(wav.bitsPerSample()).isEqualTo(16);
    }

    @Test
    void kitMessage_makesEveryPartAReadyTrack_andStoresTheKitsZip_whateverTheTrackEngine(AwsStack stack) {
        Job kit = service(stack).requestKit(Caller.anonymous("fp-generate-test"), GenerationRequestParser.parseKit(
                "{\"mode\":\"guided\",\"params\":{\"bpm\":128,\"duration\":2,\"key\":\"Am\"}}")).job();
        GenerateFunction function = function(stack, new ToneEngine());

        SQSBatchResponse response = function.handleRequest(receive(stack, stack.queueUrl()), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(jobs(stack).find(kit.id()).orElseThrow().status()).isEqualTo(TrackStatus.READY);
        for (KitPart part : KitPart.values()) {
            Job track = jobs(stack).find(part.trackId(kit.id())).orElseThrow();
            assertThat(track.status()).isEqualTo(TrackStatus.READY);
            assertThat(track.engine()).isEqualTo("procedural");
            assertThat(track.hasMidi()).isTrue();
            assertThat(WavFile.parse(trackStore(stack).read(track.id(), TrackFile.WAV)).frames())
                    .isEqualTo(LoopSpec.framesFor(128, 1));
        }
        assertThat(trackStore(stack).read(kit.id(), TrackFile.ZIP)).startsWith('P', 'K');
        assertThat(quota(stack, kit).freeRemaining()).isZero();
    }

    @Test
    void redeliveredMessage_forAReadyJob_neitherRegeneratesNorCharges(AwsStack stack) {
        Job job = requestTrack(stack, GUIDED);
        CountingEngine engine = new CountingEngine(new ToneEngine());
        GenerateFunction function = function(stack, engine);
        SQSEvent event = receive(stack, stack.queueUrl());
        function.handleRequest(event, null);
        Quota before = quota(stack, job);

        SQSBatchResponse again = function.handleRequest(event, null);

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(engine.calls.get()).isEqualTo(1);
        assertThat(quota(stack, job)).isEqualTo(before);
        assertThat(jobs(stack).find(job.id()).orElseThrow().status()).isEqualTo(TrackStatus.READY);
    }

    @Test
    void failingJob_isRetried_thenFailsOnTheThirdReceive_andGivesItsUnitBackOnce(AwsStack stack) {
        Job job = requestTrack(stack, GUIDED);
        assertThat(quota(stack, job).freeRemaining()).isEqualTo(3);
        GenerateFunction function = function(stack, new FailingEngine());
        SQSEvent event = receive(stack, stack.queueUrl());

        List<Integer> failuresPerReceive = new ArrayList<>();
        for (int receive = 1; receive <= 3; receive++) {
            event.getRecords().get(0).getAttributes().put("ApproximateReceiveCount", Integer.toString(receive));
            failuresPerReceive.add(function.handleRequest(event, null).getBatchItemFailures().size());
            if (receive < 3) {
                assertThat(jobs(stack).find(job.id()).orElseThrow().status()).isEqualTo(TrackStatus.GENERATING);
            }
        }

        // Every receive reports the failure, so the queue's redrive moves the message to the DLQ.
        assertThat(failuresPerReceive).containsExactly(1, 1, 1);
        Job failed = jobs(stack).find(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TrackStatus.FAILED);
        assertThat(failed.errorCode()).isEqualTo("engine_failed");
        assertThat(quota(stack, job).freeRemaining()).isEqualTo(4);
    }

    @Test
    void deadLetteredMessage_failsTheJob_andGivesTheUnitBackExactlyOnce(AwsStack stack) {
        Job job = requestTrack(stack, GUIDED);
        GenerateFunction function = function(stack, new ToneEngine());
        SQSEvent fromDlq = receive(stack, stack.queueUrl());
        fromDlq.getRecords().forEach(r -> r.setEventSourceArn(stack.deadLetterQueueArn()));

        function.handleRequest(fromDlq, null);
        function.handleRequest(fromDlq, null);

        assertThat(jobs(stack).find(job.id()).orElseThrow().status()).isEqualTo(TrackStatus.FAILED);
        assertThat(quota(stack, job).freeRemaining()).isEqualTo(4);
        // The in-flight slot came back once, not twice: three new requests fit, the fourth does not.
        for (int i = 0; i < 3; i++) {
            requestTrack(stack, GUIDED);
        }
        assertThat(activeJobs(stack, job)).isEqualTo(3);
    }

    @Test
    void creditJob_failingForGood_returnsTheCredit(AwsStack stack) {
        ledger(stack).addCredits("fp-credit", 1);
        Job job = service(stack).request(Caller.anonymous("fp-credit"), GenerationRequestParser.parse(GUIDED)).job();
        GenerateFunction function = function(stack, new FailingEngine(true));

        function.handleRequest(receive(stack, stack.queueUrl()), null);

        assertThat(jobs(stack).find(job.id()).orElseThrow().status()).isEqualTo(TrackStatus.FAILED);
        assertThat(ledger(stack).quota(Caller.anonymous("fp-credit"), clock.instant()).credits()).isEqualTo(1);
    }

    @Test
    void freeUnitOfAnEarlierUtcDay_isNotGivenBack(AwsStack stack) {
        Job job = requestTrack(stack, GUIDED);
        clock.set(Instant.parse("2026-11-25T00:30:00Z"));
        GenerateFunction function = function(stack, new FailingEngine(true));

        function.handleRequest(receive(stack, stack.queueUrl()), null);

        assertThat(jobs(stack).find(job.id()).orElseThrow().status()).isEqualTo(TrackStatus.FAILED);
        // Yesterday's unit stays spent; today's allowance is untouched either way.
        assertThat(quota(stack, job).freeRemaining()).isEqualTo(4);
        assertThat(activeJobs(stack, job)).isZero();
    }

    @Test
    void malformedMessage_isDropped_withoutFailingTheBatch(AwsStack stack) {
        GenerateFunction function = function(stack, new ToneEngine());
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-1");
        message.setBody("{\"jobId\": {\"$gt\": \"\"}}");
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));

        SQSBatchResponse response = function.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(log.lines()).anyMatch(l -> l.contains("discarded_malformed"));
    }

    @Test
    void oneFailingJob_doesNotFailItsNeighboursInTheBatch(AwsStack stack) {
        Job good = requestTrack(stack, GUIDED);
        Job bad = service(stack).request(Caller.anonymous("other"), GenerationRequestParser.parse(
                "{\"mode\":\"guided\",\"params\":{\"type\":\"riser\",\"bpm\":90}}")).job();
        MusicEngine picky = new MusicEngine() {
            @Override
            public String name() {
                return "picky";
            }

            @Override
            public RenderedLoop render(LoopSpec spec, EngineContext context) throws EngineException {
                if (spec.type() == com.cloudmusic.loop.LoopType.RISER) {
                    throw new EngineException("engine_failed", "no risers today", false);
                }
                return new ToneEngine().render(spec, context);
            }
        };
        SQSEvent batch = receive(stack, stack.queueUrl());
        assertThat(batch.getRecords()).hasSize(2);

        SQSBatchResponse response = function(stack, picky).handleRequest(batch, null);

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(jobs(stack).find(good.id()).orElseThrow().status()).isEqualTo(TrackStatus.READY);
        assertThat(jobs(stack).find(bad.id()).orElseThrow().status()).isEqualTo(TrackStatus.GENERATING);
    }

    @Test
    void readyJob_isCountedAndTimed_byEngineAndType_andItsLogLineCarriesTheJobAsCorrelationId(AwsStack stack) {
        Job job = requestTrack(stack, GUIDED);

        function(stack, new ToneEngine()).handleRequest(receive(stack, stack.queueUrl()), null);

        assertThat(log.metrics()).filteredOn(d -> d.name().equals("Generations"))
                .extracting(com.cloudmusic.testkit.EmfDocuments.Datum::dimensions)
                .containsExactlyInAnyOrder(Map.of("Engine", "tone", "LoopType", "kick", "Result", "ready"),
                        Map.of("Result", "ready"));
        assertThat(log.metrics()).filteredOn(d -> d.name().equals("GenerationTime"))
                .allMatch(d -> d.unit().equals("Milliseconds"));
        assertThat(log.lines()).singleElement().asString()
                .contains("\"message\":\"generate\"", "\"correlationId\":\"" + job.id() + "\"", "\"result\":\"ready\"");
    }

    @Test
    void transientFailure_isCountedAsARetry_andTheLastReceiveAsAFailure(AwsStack stack) {
        Job job = requestTrack(stack, GUIDED);
        GenerateFunction function = function(stack, new FailingEngine());

        function.handleRequest(message(job, 1), null);
        function.handleRequest(message(job, 3), null);

        assertThat(log.metrics()).filteredOn(d -> d.name().equals("Generations") && d.dimensions().size() == 1)
                .extracting(d -> d.dimensions().get("Result")).containsExactly("retry", "failed");
        assertThat(log.metrics()).filteredOn(d -> d.name().equals("EngineRetries"))
                .singleElement().satisfies(d -> assertThat(d.dimensions()).isEqualTo(Map.of("Engine", "failing")));
        assertThat(log.lines()).allMatch(l -> l.startsWith("{\"level\":\"WARN\""));
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static SQSEvent message(Job job, int receiveCount) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-" + receiveCount);
        message.setBody("{\"jobId\":\"" + job.id() + "\"}");
        message.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
        message.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:jobs");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    private Job requestTrack(AwsStack stack, String body) {
        return service(stack).request(Caller.anonymous("fp-generate-test"), GenerationRequestParser.parse(body)).job();
    }

    private TrackService service(AwsStack stack) {
        return new TrackService(ledger(stack), jobs(stack), new SqsJobQueue(stack.sqs(), stack.queueUrl()),
                trackStore(stack), clock, "tone");
    }

    private GenerateFunction function(AwsStack stack, MusicEngine engine) {
        return new GenerateFunction(GenerateWiring.from(new Env(stack.environment()), engine, clock, log.log()));
    }

    private static DynamoQuotaLedger ledger(AwsStack stack) {
        return new DynamoQuotaLedger(stack.dynamoDb(), stack.tableName(), 4, 3);
    }

    private static DynamoJobStore jobs(AwsStack stack) {
        return new DynamoJobStore(stack.dynamoDb(), stack.tableName());
    }

    private static S3TrackStore trackStore(AwsStack stack) {
        return new S3TrackStore(stack.s3(), stack.presigner(), stack.bucketName());
    }

    private Quota quota(AwsStack stack, Job job) {
        return ledger(stack).quota(Caller.anonymous(job.owner()), clock.instant());
    }

    private static long activeJobs(AwsStack stack, Job job) {
        var item = stack.dynamoDb().getItem(g -> g.tableName(stack.tableName()).consistentRead(true)
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("fp#" + job.owner()),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("quota")))).item();
        return Long.parseLong(item.get("active").n());
    }

    /** Receives what the queue holds and shapes it as Lambda's SQS event source would. */
    static SQSEvent receive(AwsStack stack, String queueUrl) {
        List<Message> messages = stack.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            Map<String, String> attributes = new java.util.HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.setAttributes(attributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueUrl.equals(stack.deadLetterQueueUrl()) ? stack.deadLetterQueueArn()
                    : "arn:aws:sqs:us-east-1:000000000000:jobs");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static final class CountingEngine implements MusicEngine {
        final AtomicInteger calls = new AtomicInteger();
        private final MusicEngine inner;

        CountingEngine(MusicEngine inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public RenderedLoop render(LoopSpec spec, EngineContext context) throws EngineException {
            calls.incrementAndGet();
            return inner.render(spec, context);
        }
    }

    /** An engine that always fails; permanent says whether a retry could help. */
    private record FailingEngine(boolean permanent) implements MusicEngine {
        FailingEngine() {
            this(false);
        }

        @Override
        public String name() {
            return "failing";
        }

        @Override
        public RenderedLoop render(LoopSpec spec, EngineContext context) throws EngineException {
            throw new EngineException("engine_failed", permanent ? "This cannot be rendered." : "The engine is down.",
                    permanent);
        }
    }
}
