package com.cloudmusic.stripe;

import static com.cloudmusic.stripe.WebhookFixture.asyncPaymentFailed;
import static com.cloudmusic.stripe.WebhookFixture.asyncPaymentSucceeded;
import static com.cloudmusic.stripe.WebhookFixture.chargeRefunded;
import static com.cloudmusic.stripe.WebhookFixture.checkoutCompleted;
import static com.cloudmusic.stripe.WebhookFixture.disputeCreated;
import static com.cloudmusic.stripe.WebhookFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.billing.CreditGrants;
import com.cloudmusic.billing.PurchaseStatus;
import com.cloudmusic.config.Env;
import com.cloudmusic.request.RequestFunction;
import com.cloudmusic.request.RequestWiring;
import com.cloudmusic.testkit.ApiEvents;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
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

/** SPEC §4.6 on real DynamoDB Local, with events signed by stripe-java's helpers at a controlled time. */
@ExtendWith(AwsEmulatorsExtension.class)
class StripeWebhookIT {

    private static final String SESSION = "cs_test_a1B2c3D4e5F6";
    private static final String PAYMENT = "pi_3QxYzAbCdEfGhIjK";

    @Test
    void webhook_grantsThePacksCredits_forAPaidCheckout(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);

        APIGatewayV2HTTPResponse response = hook.deliver(checkoutCompleted("evt_1", SESSION, "paid", PAYMENT));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).at("/outcome").asText()).isEqualTo("granted");
        assertThat(hook.walletCredits()).isEqualTo(40);
        assertThat(hook.purchase(SESSION).status()).isEqualTo(PurchaseStatus.PAID);
        assertThat(hook.purchase(SESSION).paymentIntent()).isEqualTo(PAYMENT);
    }

    @Test
    void webhook_keepsTheEventMarkerNinetyDays(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);

        hook.deliver(checkoutCompleted("evt_1", SESSION, "paid", PAYMENT));

        Map<String, AttributeValue> marker = hook.snapshot().get("stripe-event#evt_1/event");
        assertThat(marker).isNotNull();
        assertThat(Long.parseLong(marker.get("expiresAt").n()))
                .isEqualTo(WebhookFixture.NOW.plus(CreditGrants.EVENT_MARKER_LIFETIME).getEpochSecond());
    }

    @Test
    void webhook_takesTheCreditsFromTheCatalogue_notFromTheEvent(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        String inflated = checkoutCompleted("evt_1", SESSION, "paid", PAYMENT)
                .replace("\"amount_total\":400", "\"amount_total\":999900")
                .replace("\"pack\":\"credits-40\"", "\"pack\":\"credits-40\",\"credits\":\"10000\"");

        hook.deliver(inflated);

        assertThat(hook.walletCredits()).isEqualTo(40);
    }

    @Test
    void webhook_grantsOnce_whenTheSameEventIsDeliveredFiveTimes(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        String payload = checkoutCompleted("evt_1", SESSION, "paid", PAYMENT);

        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            APIGatewayV2HTTPResponse response = hook.deliver(payload);
            assertThat(response.getStatusCode()).isEqualTo(200);
            outcomes.add(json(response).at("/outcome").asText());
        }

        assertThat(outcomes).containsExactly("granted", "duplicate_event", "duplicate_event", "duplicate_event",
                "duplicate_event");
        assertThat(hook.walletCredits()).isEqualTo(40);
        // Counted once, as granted: the duplicates moved nothing.
        assertThat(hook.log.metrics()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("CreditsGranted");
            assertThat(d.dimensions()).isEqualTo(java.util.Map.of("EventType", "checkout.session.completed"));
            assertThat(d.sum()).isEqualTo(40.0);
        });
        assertThat(hook.log.lines()).allMatch(l -> l.contains("\"message\":\"stripe_webhook\"")
                && l.contains("\"correlationId\":\"evt_1\""));
    }

    @Test
    void webhook_grantsOnce_forTwoDifferentEventsOfOneSession(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);

        hook.deliver(checkoutCompleted("evt_1", SESSION, "paid", PAYMENT));
        APIGatewayV2HTTPResponse second = hook.deliver(asyncPaymentSucceeded("evt_2", SESSION, PAYMENT));

        assertThat(second.getStatusCode()).isEqualTo(200);
        assertThat(json(second).at("/outcome").asText()).isEqualTo("already_granted");
        assertThat(hook.walletCredits()).isEqualTo(40);
    }

    @Test
    void webhook_grantsOnce_whenAnUnpaidCompletionIsFollowedByAsyncSuccess(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);

        APIGatewayV2HTTPResponse unpaid = hook.deliver(checkoutCompleted("evt_1", SESSION, "unpaid", PAYMENT));
        long afterUnpaid = hook.walletCredits();
        hook.deliver(asyncPaymentSucceeded("evt_2", SESSION, PAYMENT));
        hook.deliver(asyncPaymentSucceeded("evt_2", SESSION, PAYMENT));

        assertThat(json(unpaid).at("/outcome").asText()).isEqualTo("awaiting_payment");
        assertThat(afterUnpaid).isZero();
        assertThat(hook.walletCredits()).isEqualTo(40);
    }

    @Test
    void webhook_grantsOnce_whenAsyncSuccessArrivesBeforeTheCompletion(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);

        hook.deliver(asyncPaymentSucceeded("evt_2", SESSION, PAYMENT));
        hook.deliver(checkoutCompleted("evt_1", SESSION, "paid", PAYMENT));

        assertThat(hook.walletCredits()).isEqualTo(40);
    }

    @Test
    void webhook_grantsNothing_whenTheAsyncPaymentFails(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        hook.deliver(checkoutCompleted("evt_1", SESSION, "unpaid", PAYMENT));

        APIGatewayV2HTTPResponse failed = hook.deliver(asyncPaymentFailed("evt_2", SESSION));

        assertThat(failed.getStatusCode()).isEqualTo(200);
        assertThat(json(failed).at("/outcome").asText()).isEqualTo("payment_failed");
        assertThat(hook.walletCredits()).isZero();
        assertThat(hook.purchase(SESSION).status()).isEqualTo(PurchaseStatus.PENDING);
        assertThat(hook.log.lines()).anyMatch(line -> line.contains("\"outcome\":\"payment_failed\""));
    }

    @Test
    void webhook_grantsOnce_of20ConcurrentDeliveriesOfOneEvent(AwsStack stack) throws Exception {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        String payload = checkoutCompleted("evt_1", SESSION, "paid", PAYMENT);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<APIGatewayV2HTTPResponse>> deliveries = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                deliveries.add(() -> {
                    start.await();
                    return hook.deliver(payload);
                });
            }
            List<Future<APIGatewayV2HTTPResponse>> futures = new ArrayList<>();
            for (Callable<APIGatewayV2HTTPResponse> delivery : deliveries) {
                futures.add(pool.submit(delivery));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<APIGatewayV2HTTPResponse> future : futures) {
                APIGatewayV2HTTPResponse response = future.get();
                assertThat(response.getStatusCode()).isEqualTo(200);
                outcomes.add(json(response).at("/outcome").asText());
            }

            assertThat(outcomes).filteredOn("granted"::equals).hasSize(1);
            assertThat(hook.walletCredits()).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refund_takesBackOnlyTheUnspentCredits(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        hook.deliver(checkoutCompleted("evt_1", SESSION, "paid", PAYMENT));
        RequestFunction api = requestFunction(stack, hook);
        for (int i = 0; i < 3; i++) {
            assertThat(generate(api).getStatusCode()).isEqualTo(202);
        }
        assertThat(hook.walletCredits()).isEqualTo(37);

        APIGatewayV2HTTPResponse refund = hook.deliver(chargeRefunded("evt_9", PAYMENT));

        assertThat(refund.getStatusCode()).isEqualTo(200);
        assertThat(json(refund).at("/outcome").asText()).isEqualTo("taken_back");
        assertThat(hook.walletCredits()).isZero();
        assertThat(hook.purchase(SESSION).takenBack()).isEqualTo(40); // 37 from the wallet, 3 already spent
        assertThat(hook.log.lines()).anyMatch(line -> line.contains("\"shortfall\":3"));
    }

    @Test
    void refund_neverTakesTheWalletBelowZero_whenEverythingWasSpent(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        hook.deliver(checkoutCompleted("evt_1", SESSION, "paid", PAYMENT));
        // Spent elsewhere: the wallet is empty when the refund arrives.
        stack.dynamoDb().updateItem(u -> u.tableName(stack.tableName())
                .key(Map.of("pk", AttributeValue.fromS("wallet#" + WebhookFixture.WALLET_HASH), "sk", AttributeValue.fromS("wallet")))
                .updateExpression("SET credits = :zero").expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"))));

        APIGatewayV2HTTPResponse refund = hook.deliver(chargeRefunded("evt_9", PAYMENT));

        assertThat(refund.getStatusCode()).isEqualTo(200);
        assertThat(hook.walletCredits()).isZero();
        assertThat(hook.log.lines()).anyMatch(line -> line.contains("\"shortfall\":40"));
    }

    @Test
    void dispute_takesBackTheUnspentCredits_andALaterRefundTakesNothingMore(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        hook.deliver(checkoutCompleted("evt_1", SESSION, "paid", PAYMENT));
        RequestFunction api = requestFunction(stack, hook);
        assertThat(generate(api).getStatusCode()).isEqualTo(202);

        APIGatewayV2HTTPResponse dispute = hook.deliver(disputeCreated("evt_8", PAYMENT));
        APIGatewayV2HTTPResponse refund = hook.deliver(chargeRefunded("evt_9", PAYMENT));

        assertThat(json(dispute).at("/outcome").asText()).isEqualTo("taken_back");
        assertThat(json(refund).at("/outcome").asText()).isEqualTo("already_taken_back");
        assertThat(hook.walletCredits()).isZero();
        assertThat(hook.purchase(SESSION).takenBack()).isEqualTo(40); // 39 from the wallet, 1 in flight
        assertThat(hook.log.metrics()).filteredOn(d -> d.name().equals("CreditsTakenBack"))
                .singleElement().satisfies(d -> {
                    assertThat(d.dimensions()).isEqualTo(java.util.Map.of("EventType", "charge.dispute.created"));
                    assertThat(d.sum()).isEqualTo(39.0);
                });
    }

    @Test
    void webhook_ignoresUnknownEventTypes_withNothingWritten(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        var before = hook.snapshot();

        APIGatewayV2HTTPResponse response = hook.deliver(WebhookFixture.event("evt_5", "customer.created",
                "{\"id\":\"cus_1\",\"object\":\"customer\"}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).at("/outcome").asText()).isEqualTo("ignored");
        assertThat(hook.snapshot()).isEqualTo(before);
    }

    @Test
    void webhook_grantsNothing_forASessionWeDidNotOpen(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        var before = hook.snapshot();

        APIGatewayV2HTTPResponse response = hook.deliver(checkoutCompleted("evt_1", "cs_someone_else", "paid", PAYMENT));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).at("/outcome").asText()).isEqualTo("unknown_session");
        assertThat(hook.snapshot()).isEqualTo(before);
    }

    @Test
    void webhook_acceptsABase64EncodedBody(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        String payload = checkoutCompleted("evt_1", SESSION, "paid", PAYMENT);
        APIGatewayV2HTTPEvent event = WebhookFixture.webhookEvent(
                Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)),
                Map.of("stripe-signature", WebhookFixture.signature(payload, WebhookFixture.SECRET,
                        hook.clock.instant().getEpochSecond())));
        event.setIsBase64Encoded(true);

        APIGatewayV2HTTPResponse response = hook.function.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(hook.walletCredits()).isEqualTo(40);
    }

    @Test
    void webhook_acceptsASignature300SecondsOld(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        String payload = checkoutCompleted("evt_1", SESSION, "paid", PAYMENT);
        String header = WebhookFixture.signature(payload, WebhookFixture.SECRET, hook.clock.instant().getEpochSecond());
        hook.clock.advance(Duration.ofSeconds(300));

        assertThat(hook.deliver(payload, header).getStatusCode()).isEqualTo(200);
        assertThat(hook.walletCredits()).isEqualTo(40);
    }

    // ---- rejected deliveries: 400 and nothing written ---------------------------------------------

    @Test
    void webhook_rejectsASignature301SecondsOld(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        String payload = checkoutCompleted("evt_1", SESSION, "paid", PAYMENT);
        String header = WebhookFixture.signature(payload, WebhookFixture.SECRET, hook.clock.instant().getEpochSecond());
        hook.clock.advance(Duration.ofSeconds(301));

        assertRejected(hook, () -> hook.deliver(payload, header), "invalid_signature");
    }

    @Test
    void webhook_rejectsAForgedSignature(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        String payload = checkoutCompleted("evt_1", SESSION, "paid", PAYMENT);
        long now = hook.clock.instant().getEpochSecond();

        assertRejected(hook, () -> hook.deliver(payload, "t=" + now + ",v1=" + "ab".repeat(32)), "invalid_signature");
        assertThat(hook.log.metrics()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("WebhookSignatureFailures");
            assertThat(d.dimensions()).isEqualTo(java.util.Map.of("Code", "invalid_signature"));
        });
    }

    @Test
    void webhook_rejectsAnEventSignedWithAnotherSecret(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        String payload = checkoutCompleted("evt_1", SESSION, "paid", PAYMENT);
        String header = WebhookFixture.signature(payload, "whsec_someone_elses_secret_0123", hook.clock.instant().getEpochSecond());

        assertRejected(hook, () -> hook.deliver(payload, header), "invalid_signature");
    }

    @Test
    void webhook_rejectsATamperedBody(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        String signed = checkoutCompleted("evt_1", SESSION, "unpaid", PAYMENT);
        String header = WebhookFixture.signature(signed, WebhookFixture.SECRET, hook.clock.instant().getEpochSecond());
        String tampered = signed.replace("\"payment_status\":\"unpaid\"", "\"payment_status\":\"paid\"");

        assertRejected(hook, () -> hook.deliver(tampered, header), "invalid_signature");
    }

    @Test
    void webhook_rejectsAMissingSignatureHeader(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);
        String payload = checkoutCompleted("evt_1", SESSION, "paid", PAYMENT);

        assertRejected(hook, () -> hook.deliver(payload, null), "invalid_signature");
    }

    @Test
    void webhook_rejectsASignedBodyThatIsNotJson(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);

        assertRejected(hook, () -> hook.deliver("id=evt_1&type=checkout.session.completed"), "invalid_payload");
    }

    @Test
    void webhook_rejectsSignedJsonThatIsNotAnEvent(AwsStack stack) {
        WebhookFixture hook = new WebhookFixture(stack);
        hook.openCheckout(SESSION);

        assertRejected(hook, () -> hook.deliver("{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\"}"),
                "invalid_payload");
    }

    private static void assertRejected(WebhookFixture hook, Callable<APIGatewayV2HTTPResponse> delivery, String code) {
        var before = hook.snapshot();
        APIGatewayV2HTTPResponse response;
        try {
            response = delivery.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asText()).isEqualTo(code);
        assertThat(hook.snapshot()).isEqualTo(before);
        assertThat(hook.walletCredits()).isZero();
    }

    private static RequestFunction requestFunction(AwsStack stack, WebhookFixture hook) {
        Map<String, String> env = new HashMap<>(stack.environment());
        env.put("FINGERPRINT_SECRET", WebhookFixture.FINGERPRINT_SECRET);
        return new RequestFunction(RequestWiring.from(new Env(env), hook.clock, hook.log.log()));
    }

    private static APIGatewayV2HTTPResponse generate(RequestFunction api) {
        return api.handleRequest(ApiEvents.event("POST", "/v1/tracks",
                "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":124,\"duration\":4}}", "198.51.100.23",
                ApiEvents.BROWSER, Map.of("content-type", "application/json", "x-wallet-key", WebhookFixture.WALLET_KEY)),
                null);
    }
}
