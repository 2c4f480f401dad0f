package com.cloudmusic.stripe;

import static com.cloudmusic.stripe.WebhookFixture.checkoutCompleted;
import static com.cloudmusic.stripe.WebhookFixture.event;
import static com.cloudmusic.stripe.WebhookFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.access.Caller;
import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.DynamoQuotaLedger;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.tracks.GenerationRequest;
import com.cloudmusic.tracks.GenerationRequestParser;
import com.cloudmusic.tracks.Job;
import com.cloudmusic.tracks.SpecResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SPEC §4.6 and §4.8 on the emulators: refunds and disputes take back credits in proportion to the
 * money gone, in whatever order Stripe delivers them, and a unit spent from a purchase that was taken
 * back never comes back to the wallet when its job fails.
 */
@ExtendWith(AwsEmulatorsExtension.class)
class ReversalsIT {

    private static final String SESSION = "cs_test_reversals";
    private static final String PAYMENT = "pi_reversals";
    private static final GenerationRequest KICK = GenerationRequestParser.parse(
            "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":124,\"duration\":4}}");

    static String refunded(String eventId, long amountRefunded) {
        return event(eventId, "charge.refunded", "{\"id\":\"ch_rev\",\"object\":\"charge\",\"amount\":400,"
                + "\"amount_refunded\":" + amountRefunded + ",\"currency\":\"usd\",\"refunded\":" + (amountRefunded == 400)
                + ",\"payment_intent\":\"" + PAYMENT + "\"}");
    }

    static String disputed(String eventId, long amount) {
        return event(eventId, "charge.dispute.created", "{\"id\":\"du_rev\",\"object\":\"dispute\",\"amount\":" + amount
                + ",\"charge\":\"ch_rev\",\"currency\":\"usd\",\"payment_intent\":\"" + PAYMENT + "\"}");
    }

    @Test
    void refundBeforeTheCompletion_isRemembered_andTheGrantWithholdsIt(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);

        APIGatewayV2HTTPResponse early = hook.deliver(refunded("evt_r", 400));
        APIGatewayV2HTTPResponse completed = hook.deliver(checkoutCompleted("evt_c", SESSION, "paid", PAYMENT));

        assertThat(json(early).at("/outcome").asText()).isEqualTo("remembered");
        assertThat(json(completed).at("/outcome").asText()).isEqualTo("granted");
        assertThat(hook.walletCredits()).isZero();
        assertThat(hook.purchase(SESSION).takenBack()).isEqualTo(40);
        assertThat(hook.log.lines()).anyMatch(line -> line.contains("\"withheld\":40"));
    }

    @Test
    void partialDisputeBeforeTheCompletion_withholdsItsShare(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);

        hook.deliver(disputed("evt_d", 100));
        hook.deliver(checkoutCompleted("evt_c", SESSION, "paid", PAYMENT));

        assertThat(hook.walletCredits()).isEqualTo(30);
    }

    @Test
    void partialRefunds_takeBackInProportion_roundedUpByLessThanOneCredit(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        hook.deliver(checkoutCompleted("evt_c", SESSION, "paid", PAYMENT));

        hook.deliver(refunded("evt_r1", 1)); // 1 cent of 400: 0.1 credit, rounded up to 1
        long afterOneCent = hook.walletCredits();
        hook.deliver(refunded("evt_r2", 150)); // cumulative 150 of 400: 15 credits in all
        long afterPart = hook.walletCredits();
        APIGatewayV2HTTPResponse replay = hook.deliver(refunded("evt_r3", 150)); // same total, another event
        hook.deliver(refunded("evt_r4", 400));

        assertThat(afterOneCent).isEqualTo(39);
        assertThat(afterPart).isEqualTo(25);
        assertThat(json(replay).at("/outcome").asText()).isEqualTo("already_taken_back");
        assertThat(hook.walletCredits()).isZero();
    }

    @Test
    void laterSmallerRefundTotal_deliveredOutOfOrder_takesNothingBack(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        hook.deliver(checkoutCompleted("evt_c", SESSION, "paid", PAYMENT));

        hook.deliver(refunded("evt_r2", 200));
        APIGatewayV2HTTPResponse stale = hook.deliver(refunded("evt_r1", 100));

        assertThat(json(stale).at("/outcome").asText()).isEqualTo("already_taken_back");
        assertThat(hook.walletCredits()).isEqualTo(20);
    }

    @Test
    void refundAndCompletionDeliveredTogether_endWithNothingGranted_everyTime(AwsStack stack) throws Exception {
        WebhookFixture hook = new WebhookFixture(stack);
        for (int round = 0; round < 8; round++) {
            String session = SESSION + round;
            String payment = PAYMENT + round;
            hook.openCheckout(session);
            long before = hook.walletCredits();
            String refund = event("evt_r" + round, "charge.refunded", "{\"id\":\"ch\",\"object\":\"charge\","
                    + "\"amount\":400,\"amount_refunded\":400,\"payment_intent\":\"" + payment + "\"}");
            String completion = checkoutCompleted("evt_c" + round, session, "paid", payment);

            concurrently(List.of(() -> hook.deliver(refund), () -> hook.deliver(completion),
                    () -> hook.deliver(refund), () -> hook.deliver(completion)));

            assertThat(hook.walletCredits()).as("round %d", round).isEqualTo(before);
        }
    }

    @Test
    void failedJobOfARefundedPurchase_doesNotRefillTheWallet(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        hook.deliver(checkoutCompleted("evt_c", SESSION, "paid", PAYMENT));
        Job job = walletJob(stack);
        assertThat(hook.walletCredits()).isEqualTo(39);

        hook.deliver(refunded("evt_r", 400));
        boolean failed = jobs(stack).markFailed(job, "engine_failed", "x", true, WebhookFixture.NOW);
        boolean again = jobs(stack).markFailed(job, "engine_failed", "x", true, WebhookFixture.NOW);

        assertThat(failed).isTrue();
        assertThat(again).isFalse();
        assertThat(hook.walletCredits()).isZero();
        assertThat(wallet(stack)).containsEntry("owed", 0L).containsEntry("active", 0L);
    }

    @Test
    void failedJobs_cancelOnlyTheShortfall_thenRefillTheWallet_evenConcurrently(AwsStack stack) throws Exception {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        hook.deliver(checkoutCompleted("evt_c", SESSION, "paid", PAYMENT));
        List<Job> jobs = List.of(walletJob(stack), walletJob(stack), walletJob(stack));
        // Half refunded with 37 credits left: 20 go, nothing is owed; the three in flight are paid for.
        hook.deliver(refunded("evt_r1", 200));
        assertThat(hook.walletCredits()).isEqualTo(17);
        // The rest refunded with 17 left: 17 go and the 3 spent are owed by the jobs in flight.
        hook.deliver(refunded("evt_r2", 400));
        assertThat(wallet(stack)).containsEntry("owed", 3L);

        List<Callable<Boolean>> failures = new ArrayList<>();
        for (Job job : jobs) {
            failures.add(() -> jobs(stack).markFailed(job, "engine_failed", "x", true, WebhookFixture.NOW));
            failures.add(() -> jobs(stack).markFailed(job, "engine_failed", "x", true, WebhookFixture.NOW));
        }
        List<Boolean> results = concurrently(failures);

        assertThat(results).filteredOn(Boolean::booleanValue).hasSize(3);
        assertThat(hook.walletCredits()).isZero();
        assertThat(wallet(stack)).containsEntry("owed", 0L).containsEntry("active", 0L);
    }

    @Test
    void refundRacingTheFailuresOfJobsItPaidFor_neverLeavesACreditBehind_inAnyOrder(AwsStack stack) throws Exception {
        WebhookFixture hook = new WebhookFixture(stack);
        for (int round = 0; round < 6; round++) {
            String session = SESSION + round;
            String payment = PAYMENT + round;
            hook.openCheckout(session);
            hook.deliver(checkoutCompleted("evt_c" + round, session, "paid", payment));
            List<Job> inFlight = List.of(walletJob(stack), walletJob(stack), walletJob(stack));
            spendWalletCredits(stack, hook.walletCredits()); // the other 37 already made loops
            String refund = event("evt_r" + round, "charge.refunded", "{\"id\":\"ch\",\"object\":\"charge\","
                    + "\"amount\":400,\"amount_refunded\":400,\"payment_intent\":\"" + payment + "\"}");
            List<Callable<Object>> racing = new ArrayList<>();
            racing.add(() -> hook.deliver(refund));
            for (Job job : inFlight) {
                racing.add(() -> jobs(stack).markFailed(job, "engine_failed", "x", true, WebhookFixture.NOW));
                racing.add(() -> jobs(stack).markFailed(job, "engine_failed", "x", true, WebhookFixture.NOW));
            }

            concurrently(racing);

            assertThat(hook.walletCredits()).as("round %d", round).isZero();
            assertThat(wallet(stack)).as("round %d", round).containsEntry("owed", 0L).containsEntry("active", 0L);
        }
    }

    @Test
    void finishedJob_settlesWhatItOwed_soALaterPurchasesUnitsComeBackInFull(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        hook.deliver(checkoutCompleted("evt_c", SESSION, "paid", PAYMENT));
        Job refunded = walletJob(stack);
        hook.deliver(refunded("evt_r", 400)); // 39 taken, 1 owed by the job in flight
        jobs(stack).startGenerating(refunded.id(), WebhookFixture.NOW);
        jobs(stack).markReady(jobs(stack).find(refunded.id()).orElseThrow(),
                new com.cloudmusic.tracks.JobStore.ReadyTrack("tone", null, 2, false, false), WebhookFixture.NOW);
        hook.openCheckout("cs_test_second");
        hook.deliver(checkoutCompleted("evt_c2", "cs_test_second", "paid", "pi_second"));
        Job paidFor = walletJob(stack);

        jobs(stack).markFailed(paidFor, "engine_failed", "x", true, WebhookFixture.NOW);

        assertThat(hook.walletCredits()).isEqualTo(40);
        assertThat(wallet(stack)).containsEntry("owed", 0L).containsEntry("active", 0L);
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** A job charged to the test wallet, as POST /v1/tracks with its X-Wallet-Key writes it. */
    private static Job walletJob(AwsStack stack) {
        Caller caller = new Caller("fp-" + UUID.randomUUID(), Optional.of(WebhookFixture.WALLET_HASH));
        String id = UUID.randomUUID().toString();
        List<Job> written = new ArrayList<>();
        new DynamoQuotaLedger(stack.dynamoDb(), stack.tableName(), 4, 3).charge(caller, 1, charge -> {
            written.clear();
            written.add(Job.queued(id, caller.fingerprint(), KICK, SpecResolver.resolve(KICK, 7), charge, "tone",
                    WebhookFixture.NOW));
            return List.copyOf(written);
        }, WebhookFixture.NOW);
        return written.get(0);
    }

    /** Takes {@code credits} out of the test wallet, as loops that already finished spent them. */
    private static void spendWalletCredits(AwsStack stack, long credits) {
        stack.dynamoDb().updateItem(u -> u.tableName(stack.tableName())
                .key(Map.of("pk", AttributeValue.fromS("wallet#" + WebhookFixture.WALLET_HASH),
                        "sk", AttributeValue.fromS("wallet")))
                .updateExpression("ADD credits :spent")
                .expressionAttributeValues(Map.of(":spent", AttributeValue.fromN(Long.toString(-credits)))));
    }

    private static DynamoJobStore jobs(AwsStack stack) {
        return new DynamoJobStore(stack.dynamoDb(), stack.tableName());
    }

    private static Map<String, Long> wallet(AwsStack stack) {
        var item = stack.dynamoDb().getItem(g -> g.tableName(stack.tableName()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("wallet#" + WebhookFixture.WALLET_HASH),
                        "sk", AttributeValue.fromS("wallet")))).item();
        Map<String, Long> numbers = new java.util.HashMap<>();
        item.forEach((name, value) -> {
            if (value.n() != null) {
                numbers.put(name, Long.parseLong(value.n()));
            }
        });
        numbers.putIfAbsent("owed", 0L);
        return numbers;
    }

    private static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
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
}
