package com.cloudmusic.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.cloudmusic.aws.DynamoPurchases;
import com.cloudmusic.aws.DynamoWallets;
import com.cloudmusic.billing.BillingService;
import com.cloudmusic.billing.PackCatalogue;
import com.cloudmusic.billing.Purchase;
import com.cloudmusic.config.Env;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.testkit.CapturedLog;
import com.cloudmusic.testkit.MutableClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The sample event of {@code events/} (the one {@code sam local invoke -e} uses), signed with the
 * documented sample secret at its own timestamp, fed to the handler as API Gateway delivers it.
 */
@ExtendWith(AwsEmulatorsExtension.class)
class SampleWebhookEventIT {

    /** The secret the sample's Stripe-Signature was made with; for sample events only. */
    static final String SAMPLE_SECRET = "whsec_sample_events_only_0123456789";
    static final String SAMPLE_SESSION = "cs_test_a1B2c3D4e5F6g7H8i9J0";
    static final String SAMPLE_WALLET = "9f2c4e1b7a6d3c8e5f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6";

    @ParameterizedTest
    @Event(value = "events/http-stripe-webhook.json", type = APIGatewayV2HTTPEvent.class)
    void sampleEvent_grantsTheSessionsCredits(APIGatewayV2HTTPEvent event, AwsStack stack) {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1795515330L));
        new DynamoWallets(stack.dynamoDb(), stack.tableName()).create(SAMPLE_WALLET, clock.instant(),
                clock.instant().plus(BillingService.UNPAID_LIFETIME));
        DynamoPurchases purchases = new DynamoPurchases(stack.dynamoDb(), stack.tableName());
        purchases.recordPending(Purchase.pending(SAMPLE_SESSION, SAMPLE_WALLET, "fp", PackCatalogue.DEFAULT_PACK,
                clock.instant()), clock.instant().plus(BillingService.UNPAID_LIFETIME));
        Map<String, String> env = new HashMap<>(stack.environment());
        env.put("STRIPE_WEBHOOK_SECRET", SAMPLE_SECRET);
        StripeWebhookFunction function = new StripeWebhookFunction(WebhookWiring.from(new Env(env), clock,
                new CapturedLog().log()));

        APIGatewayV2HTTPResponse response = function.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(purchases.find(SAMPLE_SESSION).orElseThrow().credits()).isEqualTo(40);
        assertThat(purchases.find(SAMPLE_SESSION).orElseThrow().paymentIntent()).isEqualTo("pi_3QxYzAbCdEfGhIjK0a1b2c3d");
    }
}
