package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.aws.DynamoPurchases;
import com.cloudmusic.billing.CreditGrants;
import com.cloudmusic.billing.PackCatalogue;
import com.cloudmusic.billing.PaymentEvent;
import com.cloudmusic.billing.Purchase;
import com.cloudmusic.testkit.ApiEvents;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.emulators.payments.LocalPaymentGateway;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Wallets (SPEC §1, §4.2) through the request function on DynamoDB Local: wallet credits are spent
 * first and follow the key, not the IP or browser; a bad key is refused, never silently ignored.
 * Checkout goes to the local payment simulator's gateway.
 */
@ExtendWith(AwsEmulatorsExtension.class)
class WalletIT {

    private static final String WALLET_KEY = "aWalletKeyOfTheBuyer_0123456789abcdef";
    private static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148";

    private final LocalPaymentGateway gateway = new LocalPaymentGateway(URI.create("http://localhost:3000"));

    private RequestFixture api(AwsStack stack, Map<String, String> env) {
        return new RequestFixture(stack, env, gateway);
    }

    private static APIGatewayV2HTTPResponse generate(RequestFixture api, String ip, String userAgent, String walletKey) {
        return api.send("POST", "/v1/tracks", RequestFixture.GUIDED, ip, userAgent,
                walletKey == null ? Map.of() : Map.of("x-wallet-key", walletKey));
    }

    private static JsonNode quota(RequestFixture api, String ip, String userAgent, String walletKey) {
        return RequestFixture.json(api.send("GET", "/v1/quota", null, ip, userAgent, Map.of("x-wallet-key", walletKey)));
    }

    @Test
    void post_spendsWalletCreditsFirst(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        api.fundWallet(WALLET_KEY, 2);
        api.addCredits(1);

        JsonNode first = RequestFixture.json(generate(api, RequestFixture.IP, ApiEvents.BROWSER, WALLET_KEY));

        assertThat(first.at("/charged").asText()).isEqualTo("credit");
        assertThat(api.walletCredits(WALLET_KEY)).isEqualTo(1);
        assertThat(first.at("/quota/credits").asInt()).isEqualTo(2);
        assertThat(first.at("/quota/freeRemaining").asInt()).isEqualTo(4);
    }

    @Test
    void quota_addsWalletCreditsToFingerprintCredits(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        api.fundWallet(WALLET_KEY, 40);
        api.addCredits(3);

        JsonNode quota = quota(api, RequestFixture.IP, ApiEvents.BROWSER, WALLET_KEY);

        assertThat(quota.at("/credits").asInt()).isEqualTo(43);
    }

    @Test
    void walletCredits_followTheKey_toAnotherBrowserAndAddress(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        api.fundWallet(WALLET_KEY, 40);
        generate(api, RequestFixture.IP, ApiEvents.BROWSER, WALLET_KEY);

        JsonNode elsewhere = quota(api, "203.0.113.99", PHONE, WALLET_KEY);
        JsonNode spent = RequestFixture.json(generate(api, "203.0.113.99", PHONE, WALLET_KEY));

        assertThat(elsewhere.at("/credits").asInt()).isEqualTo(39);
        assertThat(spent.at("/charged").asText()).isEqualTo("credit");
        assertThat(api.walletCredits(WALLET_KEY)).isEqualTo(38);
    }

    @Test
    void post_rejectsAnUnknownWalletKey_andChargesNothing(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());

        APIGatewayV2HTTPResponse response = generate(api, RequestFixture.IP, ApiEvents.BROWSER, "unknownKey_0123456789abcdefghijkl");

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode body = RequestFixture.json(response);
        assertThat(body.at("/error/code").asText()).isEqualTo("invalid_wallet_key");
        assertThat(body.at("/error/field").asText()).isEqualTo("X-Wallet-Key");
        assertThat(api.jobCount()).isZero();
        assertThat(api.quota().at("/freeRemaining").asInt()).isEqualTo(4);
    }

    @Test
    void post_rejectsAMalformedWalletKey(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());

        APIGatewayV2HTTPResponse response = generate(api, RequestFixture.IP, ApiEvents.BROWSER, "not a key!");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(RequestFixture.json(response).at("/error/code").asText()).isEqualTo("invalid_wallet_key");
        assertThat(api.jobCount()).isZero();
    }

    @Test
    void post_spendsTheFreeAllowance_whenTheWalletIsEmpty(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        api.fundWallet(WALLET_KEY, 0);

        JsonNode response = RequestFixture.json(generate(api, RequestFixture.IP, ApiEvents.BROWSER, WALLET_KEY));

        assertThat(response.at("/charged").asText()).isEqualTo("free");
    }

    @Test
    void log_neverContainsTheWalletKey(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        api.fundWallet(WALLET_KEY, 1);

        generate(api, RequestFixture.IP, ApiEvents.BROWSER, WALLET_KEY);
        String walletKey = RequestFixture.json(api.checkout("{\"pack\":\"credits-40\"}", Map.of())).at("/walletKey").asText();

        assertThat(api.log.lines()).isNotEmpty().noneMatch(line -> line.contains(WALLET_KEY) || line.contains(walletKey));
    }

    @Test
    void packs_listsTheDefaultPackAndConfiguredOnes(AwsStack stack) {
        RequestFixture api = api(stack, Map.of(PackCatalogue.CREDIT_PACKS, "credits-100:100:900:usd:100 credits"));

        JsonNode packs = RequestFixture.json(api.get("/v1/packs")).at("/packs");

        assertThat(packs).hasSize(2);
        assertThat(packs.get(0).at("/id").asText()).isEqualTo("credits-40");
        assertThat(packs.get(0).at("/credits").asInt()).isEqualTo(40);
        assertThat(packs.get(0).at("/amount").asInt()).isEqualTo(400);
        assertThat(packs.get(0).at("/currency").asText()).isEqualTo("usd");
        assertThat(packs.get(0).at("/label").asText()).isEqualTo("40 credits");
        assertThat(packs.get(1).at("/id").asText()).isEqualTo("credits-100");
        assertThat(packs.get(1).at("/amount").asInt()).isEqualTo(900);
    }

    @Test
    void checkout_sendsTheBuyerToTheLocalSimulator_whenInjected(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());

        JsonNode body = RequestFixture.json(api.checkout("{\"pack\":\"credits-40\"}", Map.of()));

        assertThat(body.at("/url").asText()).startsWith("http://localhost:3000/local/checkout/cs_local_");
        assertThat(api.walletCredits(body.at("/walletKey").asText())).isZero();
    }

    @Test
    void status_isPending_untilTheWebhookGrants_thenPaid(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        JsonNode checkout = RequestFixture.json(api.checkout("{\"pack\":\"credits-40\"}", Map.of()));
        String sessionId = checkout.at("/url").asText().substring("http://localhost:3000/local/checkout/".length());

        JsonNode before = RequestFixture.json(api.get("/v1/checkout/" + sessionId));
        new CreditGrants(new DynamoPurchases(stack.dynamoDb(), stack.tableName()), api.clock)
                .handle(new PaymentEvent("evt_1", "checkout.session.completed", sessionId, "paid", "pi_1", 400L, null));
        JsonNode after = RequestFixture.json(api.get("/v1/checkout/" + sessionId));

        assertThat(before.at("/status").asText()).isEqualTo("pending");
        assertThat(after.at("/status").asText()).isEqualTo("paid");
        assertThat(after.at("/credits").asInt()).isEqualTo(40);
        assertThat(api.walletCredits(checkout.at("/walletKey").asText())).isEqualTo(40);
    }

    @Test
    void status_isExpired_whenTheProviderClosedTheSessionUnpaid(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        // A purchase whose session the (restarted) simulator no longer knows: it can never be paid.
        new DynamoPurchases(stack.dynamoDb(), stack.tableName()).recordPending(Purchase.pending("cs_local_gone",
                RequestFixture.hash(WALLET_KEY), api.fingerprint(), PackCatalogue.DEFAULT_PACK, api.clock.instant()),
                api.clock.instant().plusSeconds(3600));

        JsonNode status = RequestFixture.json(api.get("/v1/checkout/cs_local_gone"));

        assertThat(status.at("/status").asText()).isEqualTo("expired");
    }

    @Test
    void status_is404_forAnUnknownOrMalformedSession(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());

        assertThat(api.get("/v1/checkout/cs_test_nothing").getStatusCode()).isEqualTo(404);
        assertThat(api.get("/v1/checkout/..%2F..%2Fetc").getStatusCode()).isEqualTo(404);
    }
}
