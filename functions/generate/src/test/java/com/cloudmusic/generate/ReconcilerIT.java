package com.cloudmusic.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.cloudmusic.access.Caller;
import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.DynamoQuotaLedger;
import com.cloudmusic.aws.S3TrackStore;
import com.cloudmusic.aws.SqsJobQueue;
import com.cloudmusic.config.Env;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.engine.ToneEngine;
import com.cloudmusic.quota.TooManyActiveJobsException;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.testkit.CapturedLog;
import com.cloudmusic.testkit.MutableClock;
import com.cloudmusic.tracks.GenerationRequestParser;
import com.cloudmusic.tracks.Job;
import com.cloudmusic.tracks.JobQueue;
import com.cloudmusic.tracks.JobStore;
import com.cloudmusic.tracks.Reconciler;
import com.cloudmusic.tracks.TrackService;
import com.cloudmusic.tracks.TrackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SPEC §4.8 on the emulators: whatever dies between the request's writes, the scheduled reconciler
 * leaves no unit spent without its loop and no in-flight slot held for ever, and overlapping runs act once.
 */
@ExtendWith(AwsEmulatorsExtension.class)
class ReconcilerIT {

    private static final String GUIDED = "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":128,\"duration\":4}}";
    private static final Caller CALLER = Caller.anonymous("fp-reconcile-test");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final CapturedLog log = new CapturedLog();

    /** Stands for the process being killed (kill -9, a Lambda timeout) right after the charge's transaction. */
    private static final class Killed extends Error {
    }

    @Test
    void crashAfterTheChargeTransaction_losesNoUnitOrSlot_onceTheReconcilerResendsTheJob(AwsStack stack) {
        JobQueue dies = jobId -> {
            throw new Killed();
        };
        assertThatThrownBy(() -> service(stack, dies).request(CALLER, GenerationRequestParser.parse(GUIDED)))
                .isInstanceOf(Killed.class);
        Job orphan = jobs(stack).listUnfinished().get(0);
        assertThat(orphan.status()).isEqualTo(TrackStatus.QUEUED);
        assertThat(quotaRow(stack)).containsEntry("freeUsed", 1L).containsEntry("active", 1L);

        clock.advance(Reconciler.QUEUED_GRACE.plusSeconds(1));
        Map<String, Object> report = reconcile(stack).handleRequest(Map.of(), null);
        new GenerateFunction(GenerateWiring.from(new Env(stack.environment()), new ToneEngine(), clock, log.log()))
                .handleRequest(GenerateFunctionIT.receive(stack, stack.queueUrl()), null);

        assertThat(report).containsEntry("resent", 1);
        assertThat(jobs(stack).find(orphan.id()).orElseThrow().status()).isEqualTo(TrackStatus.READY);
        // The unit paid for the loop the caller got; the slot is free again.
        assertThat(quotaRow(stack)).containsEntry("freeUsed", 1L).containsEntry("active", 0L);
    }

    @Test
    void queueDownAndGiveBackFailing_leavesTheJobForTheReconciler_notALostUnit(AwsStack stack) {
        JobQueue down = jobId -> {
            throw new IllegalStateException("SQS unavailable");
        };
        JobStore real = jobs(stack);
        JobStore failingStore = (JobStore) java.lang.reflect.Proxy.newProxyInstance(JobStore.class.getClassLoader(),
                new Class<?>[] {JobStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("markFailed")) {
                        throw new IllegalStateException("DynamoDB unavailable");
                    }
                    return method.invoke(real, args);
                });
        TrackService service = new TrackService(ledger(stack), failingStore, down, files(stack), clock, "tone");

        assertThatThrownBy(() -> service.request(CALLER, GenerationRequestParser.parse(GUIDED)))
                .hasMessageContaining("will be made within minutes");
        clock.advance(Reconciler.QUEUED_GRACE.plusSeconds(1));
        reconcile(stack).handleRequest(Map.of(), null);

        SQSEvent resent = GenerateFunctionIT.receive(stack, stack.queueUrl());
        assertThat(resent.getRecords()).hasSize(1);
    }

    @Test
    void freshlyQueuedJob_isNotResent(AwsStack stack) {
        JobQueue dies = jobId -> {
            throw new Killed();
        };
        assertThatThrownBy(() -> service(stack, dies).request(CALLER, GenerationRequestParser.parse(GUIDED)))
                .isInstanceOf(Killed.class);

        clock.advance(Reconciler.QUEUED_GRACE.minusSeconds(30));
        Map<String, Object> report = reconcile(stack).handleRequest(Map.of(), null);

        assertThat(report).containsEntry("resent", 0).containsEntry("unfinished", 1);
    }

    @Test
    void jobStuckGenerating_failsForGoodWithItsUnitBackOnce_whenRunsOverlap(AwsStack stack) throws Exception {
        Job job = service(stack, queue(stack)).request(CALLER, GenerationRequestParser.parse(GUIDED)).job();
        jobs(stack).startGenerating(job.id(), clock.instant()); // the worker then died without a trace
        clock.advance(Reconciler.STUCK_AFTER.plusSeconds(1));

        List<Map<String, Object>> reports = concurrently(6, () -> reconcile(stack).handleRequest(Map.of(), null));

        assertThat(reports.stream().mapToInt(r -> (Integer) r.get("failedStuck")).sum()).isEqualTo(1);
        Job failed = jobs(stack).find(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TrackStatus.FAILED);
        assertThat(failed.errorMessage()).contains("given back").doesNotContain("retried");
        assertThat(quotaRow(stack)).containsEntry("freeUsed", 0L).containsEntry("active", 0L);
    }

    @Test
    void jobRestartedByARetry_isNotFailedAsStuck(AwsStack stack) {
        Job job = service(stack, queue(stack)).request(CALLER, GenerationRequestParser.parse(GUIDED)).job();
        jobs(stack).startGenerating(job.id(), clock.instant());
        clock.advance(Reconciler.STUCK_AFTER.minusMinutes(1));
        jobs(stack).startGenerating(job.id(), clock.instant()); // the next receive started it again
        clock.advance(Duration.ofMinutes(2));

        Map<String, Object> report = reconcile(stack).handleRequest(Map.of(), null);

        assertThat(report).containsEntry("failedStuck", 0);
        assertThat(jobs(stack).find(job.id()).orElseThrow().status()).isEqualTo(TrackStatus.GENERATING);
    }

    @Test
    void inFlightCountNoJobExplains_isRepaired_andTheCallerCanGenerateAgain(AwsStack stack) {
        // What the old three-write request path left after a crash: slots held, no job behind them.
        stack.dynamoDb().putItem(p -> p.tableName(stack.tableName()).item(Map.of(
                "pk", AttributeValue.fromS("fp#" + CALLER.fingerprint()), "sk", AttributeValue.fromS("quota"),
                "active", AttributeValue.fromN("3"), "freeDay", AttributeValue.fromS("2026-11-24"),
                "freeUsed", AttributeValue.fromN("3"), "openPk", AttributeValue.fromS("caller"),
                "openSk", AttributeValue.fromS(CALLER.fingerprint()),
                "slotsChangedAt", AttributeValue.fromS(clock.instant().toString()))));
        assertThatThrownBy(() -> service(stack, queue(stack)).request(CALLER, GenerationRequestParser.parse(GUIDED)))
                .isInstanceOf(TooManyActiveJobsException.class);

        clock.advance(Reconciler.SLOTS_SETTLE.plusSeconds(1));
        Map<String, Object> report = reconcile(stack).handleRequest(Map.of(), null);

        assertThat(report).containsEntry("slotsRepaired", 1);
        assertThat(quotaRow(stack)).containsEntry("active", 0L);
        assertThat(service(stack, queue(stack)).request(CALLER, GenerationRequestParser.parse(GUIDED)).job().status())
                .isEqualTo(TrackStatus.QUEUED);
    }

    @Test
    void inFlightCountOfUnfinishedJobs_isLeftAsItIs(AwsStack stack) {
        service(stack, queue(stack)).request(CALLER, GenerationRequestParser.parse(GUIDED));
        service(stack, queue(stack)).request(CALLER, GenerationRequestParser.parse(GUIDED));
        clock.advance(Reconciler.SLOTS_SETTLE.plusSeconds(1));

        Map<String, Object> report = reconcile(stack).handleRequest(Map.of(), null);

        assertThat(report).containsEntry("slotsRepaired", 0);
        assertThat(quotaRow(stack)).containsEntry("active", 2L);
    }

    // --- helpers -------------------------------------------------------------------------------------

    private <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private ReconcileFunction reconcile(AwsStack stack) {
        return new ReconcileFunction(ReconcileWiring.from(new Env(stack.environment()), clock, log.log()));
    }

    private TrackService service(AwsStack stack, JobQueue queue) {
        return new TrackService(ledger(stack), jobs(stack), queue, files(stack), clock, "tone");
    }

    private static JobQueue queue(AwsStack stack) {
        return new SqsJobQueue(stack.sqs(), stack.queueUrl());
    }

    private static DynamoQuotaLedger ledger(AwsStack stack) {
        return new DynamoQuotaLedger(stack.dynamoDb(), stack.tableName(), 4, 3);
    }

    private static DynamoJobStore jobs(AwsStack stack) {
        return new DynamoJobStore(stack.dynamoDb(), stack.tableName());
    }

    private static S3TrackStore files(AwsStack stack) {
        return new S3TrackStore(stack.s3(), stack.presigner(), stack.bucketName());
    }

    private static Map<String, Long> quotaRow(AwsStack stack) {
        var item = stack.dynamoDb().getItem(g -> g.tableName(stack.tableName()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("fp#" + CALLER.fingerprint()), "sk", AttributeValue.fromS("quota"))))
                .item();
        Map<String, Long> numbers = new java.util.HashMap<>();
        item.forEach((name, value) -> {
            if (value.n() != null) {
                numbers.put(name, Long.parseLong(value.n()));
            }
        });
        return numbers;
    }
}
