package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.aws.DynamoPurchases;
import com.cloudmusic.billing.BillingService;
import com.cloudmusic.billing.CreditGrants;
import com.cloudmusic.billing.PaymentEvent;
import com.cloudmusic.billing.PaymentGateway;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.emulators.payments.LocalPaymentGateway;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Checkout creation and purchase polling are throttled per caller and per source network; polls answer from the stored purchase
 * and ask the provider at most once a minute; unpaid records expire, paid ones never.
 */
@ExtendWith(AwsEmulatorsExtension.class)
class CheckoutThrottleIT {

    @Test
    void sixthCheckoutInTenMinutes_is429WithRetryAfter_andOpensNoSession(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack, Map.of(), new LocalPaymentGateway(URI.create("http://localhost:3000")));
        for (int i = 0; i < 5; i++) {
            assertThat(api.checkout("{\"pack\":\"credits-40\"}", Map.of()).getStatusCode()).isEqualTo(200);
        }

        APIGatewayV2HTTPResponse sixth = api.checkout("{\"pack\":\"credits-40\"}", Map.of());

        assertThat(sixth.getStatusCode()).isEqualTo(429);
        assertThat(RequestFixture.json(sixth).at("/error/code").asText()).isEqualTo("too_many_requests");
        assertThat(Long.parseLong(sixth.getHeaders().get("retry-after"))).isBetween(1L, 600L);
        assertThat(api.itemCount("checkout#")).isEqualTo(5);
        api.clock.advance(Duration.ofMinutes(10));
        assertThat(api.checkout("{\"pack\":\"credits-40\"}", Map.of()).getStatusCode()).isEqualTo(200);
    }

    @Test
    void rotatingUserAgentsFromOneAddress_opensNoMoreThanTheNetworkLimit_andOtherNetworksAreUntouched(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack, Map.of(), new LocalPaymentGateway(URI.create("http://localhost:3000")));
        String body = "{\"pack\":\"credits-40\"}";
        int limit = BillingService.CHECKOUT_NETWORK_LIMIT.count();
        for (int i = 0; i < limit; i++) {
            // Each User-Agent is a new caller with its own allowance of 5; the address is the same.
            assertThat(api.send("POST", "/v1/checkout", body, RequestFixture.IP, "Agent/" + i, Map.of())
                    .getStatusCode()).isEqualTo(200);
        }

        APIGatewayV2HTTPResponse next = api.send("POST", "/v1/checkout", body, RequestFixture.IP, "Agent/new", Map.of());

        assertThat(next.getStatusCode()).isEqualTo(429);
        assertThat(RequestFixture.json(next).at("/error/code").asText()).isEqualTo("too_many_requests");
        assertThat(api.itemCount("checkout#")).isEqualTo(limit);
        assertThat(api.send("POST", "/v1/checkout", body, "203.0.113.9", "Agent/new", Map.of()).getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void statusPolls_beyond30AMinute_are429(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack, Map.of(), new LocalPaymentGateway(URI.create("http://localhost:3000")));
        String url = RequestFixture.json(api.checkout("{\"pack\":\"credits-40\"}", Map.of())).at("/url").asText();
        String session = url.substring(url.lastIndexOf('/') + 1);
        for (int i = 0; i < 30; i++) {
            assertThat(api.get("/v1/checkout/" + session).getStatusCode()).isEqualTo(200);
        }

        assertThat(api.get("/v1/checkout/" + session).getStatusCode()).isEqualTo(429);
    }

    @Test
    void unpaidWalletAndPendingPurchase_carryAThirtyDayExpiry(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack, Map.of(), new LocalPaymentGateway(URI.create("http://localhost:3000")));

        api.checkout("{\"pack\":\"credits-40\"}", Map.of());

        long expected = api.clock.instant().plus(Duration.ofDays(30)).getEpochSecond();
        assertThat(api.allItems()).filteredOn(item -> item.get("pk").s().startsWith("wallet#")
                        || item.get("pk").s().startsWith("checkout#"))
                .hasSize(2)
                .allSatisfy(item -> assertThat(item.get("expiresAt")).isEqualTo(AttributeValue.fromN(Long.toString(expected))));
    }

    @Test
    void statusPolls_askTheProviderAtMostOnceAMinute(AwsStack stack) {
        CountingGateway gateway = new CountingGateway(new LocalPaymentGateway(URI.create("http://localhost:3000")));
        RequestFixture api = new RequestFixture(stack, Map.of(), gateway);
        String session = sessionOf(api.checkout("{\"pack\":\"credits-40\"}", Map.of()));

        for (int i = 0; i < 20; i++) {
            assertThat(RequestFixture.json(api.get("/v1/checkout/" + session)).at("/status").asText()).isEqualTo("pending");
        }
        int withinTheMinute = gateway.stateChecks.get();
        api.clock.advance(Duration.ofSeconds(61));
        api.get("/v1/checkout/" + session);

        assertThat(withinTheMinute).isEqualTo(1);
        assertThat(gateway.stateChecks.get()).isEqualTo(2);
    }

    @Test
    void grant_removesTheExpiry_ofThePurchaseAndOfItsWallet(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack, Map.of(), new LocalPaymentGateway(URI.create("http://localhost:3000")));
        String session = sessionOf(api.checkout("{\"pack\":\"credits-40\"}", Map.of()));

        new CreditGrants(new DynamoPurchases(stack.dynamoDb(), stack.tableName()), api.clock)
                .handle(new PaymentEvent("evt_1", "checkout.session.completed", session, "paid", "pi_1", 400L, null));

        assertThat(api.allItems()).filteredOn(item -> item.get("pk").s().startsWith("wallet#")
                        || item.get("pk").s().startsWith("checkout#"))
                .hasSize(2)
                .allSatisfy(item -> assertThat(item).doesNotContainKey("expiresAt"));
    }

    private static String sessionOf(APIGatewayV2HTTPResponse checkout) {
        String url = RequestFixture.json(checkout).at("/url").asText();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** The simulator's gateway, counting how often the provider is asked about a session. */
    private static final class CountingGateway implements PaymentGateway {
        final AtomicInteger stateChecks = new AtomicInteger();
        final PaymentGateway real;

        CountingGateway(PaymentGateway real) {
            this.real = real;
        }

        @Override
        public CheckoutSession createCheckout(CheckoutRequest request) {
            return real.createCheckout(request);
        }

        @Override
        public SessionState sessionState(String sessionId) {
            stateChecks.incrementAndGet();
            return real.sessionState(sessionId);
        }
    }
}
