package com.cloudmusic.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.access.Fingerprinter;
import com.cloudmusic.aws.DynamoPurchases;
import com.cloudmusic.aws.DynamoWallets;
import com.cloudmusic.billing.BillingService;
import com.cloudmusic.billing.Pack;
import com.cloudmusic.billing.PackCatalogue;
import com.cloudmusic.billing.PurchaseStatus;
import com.cloudmusic.testkit.ApiEvents;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.emulators.payments.LocalCheckoutPage;
import com.cloudmusic.emulators.payments.LocalPaymentGateway;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local payment simulator end to end over real HTTP: a JDK HttpServer routes
 * {@code /v1/stripe/webhook} to the webhook function on DynamoDB Local and {@code /local/} to the
 * simulator's page, as the local runner will. Pay must produce an event the real signature check accepts.
 */
@ExtendWith(AwsEmulatorsExtension.class)
class LocalPaymentSimulatorIT {

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private HttpServer server;
    private ExecutorService threads;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    /** The runner's wiring in small: checkout through the simulator, its page and the real webhook. */
    private final class Runner {
        final WebhookFixture hook;
        final LocalPaymentGateway gateway;
        final BillingService billing;
        final String base;

        Runner(AwsStack stack, String pageSecret, PackCatalogue catalogue) throws IOException {
            hook = new WebhookFixture(stack);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            // The page posts to the webhook on this same server while handling a request: more than one thread.
            threads = Executors.newFixedThreadPool(4);
            server.setExecutor(threads);
            base = "http://127.0.0.1:" + server.getAddress().getPort();
            gateway = new LocalPaymentGateway(URI.create(base), hook.clock);
            server.createContext("/v1/stripe/webhook", exchange -> webhook(exchange, hook.function));
            server.createContext(LocalPaymentGateway.PAGE_PATH,
                    new LocalCheckoutPage(gateway, URI.create(base + "/v1/stripe/webhook"), pageSecret, hook.clock,
                            LocalPaymentSimulatorIT::notFound));
            server.start();
            billing = new BillingService(catalogue, new DynamoWallets(stack.dynamoDb(), stack.tableName()),
                    new DynamoPurchases(stack.dynamoDb(), stack.tableName()), gateway,
                    new Fingerprinter(WebhookFixture.FINGERPRINT_SECRET.getBytes(StandardCharsets.UTF_8))::hmacHex,
                    com.cloudmusic.access.Throttle.none(), hook.clock);
        }

        BillingService.Checkout checkout(String pack) {
            return billing.checkout(pack, Optional.empty(), "fp-simulated", Optional.empty(), base);
        }

        HttpResponse<String> get(String url) throws Exception {
            return browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String url) throws Exception {
            return browser.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        long credits(BillingService.Checkout checkout) {
            return Long.parseLong(hook.allItems().stream()
                    .filter(item -> item.get("pk").s().equals("wallet#" + new Fingerprinter(
                            WebhookFixture.FINGERPRINT_SECRET.getBytes(StandardCharsets.UTF_8)).hmacHex(checkout.walletKey())))
                    .findFirst().orElseThrow().get("credits").n());
        }
    }

    /** What the local runner answers for a local page that does not exist: a JSON 404. */
    private static void notFound(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes = "{\"error\":{\"code\":\"not_found\",\"message\":\"No such page.\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(404, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** What the local runner does for the webhook route: HTTP in, API Gateway event to the handler, HTTP out. */
    private static void webhook(HttpExchange exchange, StripeWebhookFunction function) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            APIGatewayV2HTTPResponse response = function.handleRequest(ApiEvents.event("POST", "/v1/stripe/webhook", body,
                    "127.0.0.1", headers.getOrDefault("user-agent", "unknown"), headers), null);
            byte[] bytes = response.getBody().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.getStatusCode(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Test
    void page_showsThePackAndItsPrice(AwsStack stack) throws Exception {
        Runner runner = new Runner(stack, WebhookFixture.SECRET, PackCatalogue.defaults());
        BillingService.Checkout checkout = runner.checkout("credits-40");

        HttpResponse<String> page = runner.get(checkout.url());

        assertThat(checkout.url()).startsWith(runner.base + "/local/checkout/cs_local_");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("40 credits").contains("USD 4.00").contains("id=\"pay\"").contains("id=\"cancel\"");
    }

    @Test
    void pay_sendsASignedEventThatTheWebhookAccepts_thenReturnsToTheSuccessUrl(AwsStack stack) throws Exception {
        Runner runner = new Runner(stack, WebhookFixture.SECRET, PackCatalogue.defaults());
        BillingService.Checkout checkout = runner.checkout("credits-40");

        HttpResponse<String> paid = runner.post(checkout.url() + "/pay");

        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("location"))
                .hasValue(runner.base + "/?checkout=success&session_id=" + checkout.sessionId());
        assertThat(runner.credits(checkout)).isEqualTo(40);
        assertThat(runner.hook.purchase(checkout.sessionId()).status()).isEqualTo(PurchaseStatus.PAID);
        assertThat(runner.hook.purchase(checkout.sessionId()).paymentIntent()).startsWith("pi_local_");
        assertThat(runner.hook.log.lines()).anyMatch(line -> line.contains("\"outcome\":\"granted\""));
    }

    @Test
    void pay_twice_grantsOnce(AwsStack stack) throws Exception {
        Runner runner = new Runner(stack, WebhookFixture.SECRET, PackCatalogue.defaults());
        BillingService.Checkout checkout = runner.checkout("credits-40");

        runner.post(checkout.url() + "/pay");
        HttpResponse<String> again = runner.post(checkout.url() + "/pay");

        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(runner.credits(checkout)).isEqualTo(40);
    }

    @Test
    void cancel_returnsToTheCancelUrl_andGrantsNothing(AwsStack stack) throws Exception {
        Runner runner = new Runner(stack, WebhookFixture.SECRET, PackCatalogue.defaults());
        BillingService.Checkout checkout = runner.checkout("credits-40");

        HttpResponse<String> cancelled = runner.post(checkout.url() + "/cancel");

        assertThat(cancelled.statusCode()).isEqualTo(303);
        assertThat(cancelled.headers().firstValue("location")).hasValue(runner.base + "/?checkout=cancel");
        assertThat(runner.credits(checkout)).isZero();
        assertThat(runner.hook.purchase(checkout.sessionId()).status()).isEqualTo(PurchaseStatus.PENDING);
    }

    @Test
    void pay_showsTheFailure_andGrantsNothing_whenTheWebhookRejectsTheSignature(AwsStack stack) throws Exception {
        Runner runner = new Runner(stack, "whsec_not_the_webhooks_secret_0123", PackCatalogue.defaults());
        BillingService.Checkout checkout = runner.checkout("credits-40");

        HttpResponse<String> failed = runner.post(checkout.url() + "/pay");

        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.body()).contains("HTTP 400").contains("invalid_signature").contains("Try again");
        assertThat(runner.credits(checkout)).isZero();
        assertThat(runner.gateway.isPaid(checkout.sessionId())).isFalse();
    }

    @Test
    void page_escapesTheLabel(AwsStack stack) throws Exception {
        Runner runner = new Runner(stack, WebhookFixture.SECRET,
                new PackCatalogue(List.of(new Pack("odd", 5, 100, "usd", "<script>alert(1)</script> & \"more\""))));
        BillingService.Checkout checkout = runner.checkout("odd");

        String page = runner.get(checkout.url()).body();

        assertThat(page).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;");
    }

    @Test
    void page_is404_forAnUnknownSession(AwsStack stack) throws Exception {
        Runner runner = new Runner(stack, WebhookFixture.SECRET, PackCatalogue.defaults());

        assertThat(runner.get(runner.base + "/local/checkout/cs_local_nope").statusCode()).isEqualTo(404);
        assertThat(runner.post(runner.base + "/local/checkout/cs_local_nope/pay").statusCode()).isEqualTo(404);
    }
}
