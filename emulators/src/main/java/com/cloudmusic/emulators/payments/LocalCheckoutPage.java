package com.cloudmusic.emulators.payments;

import com.cloudmusic.billing.Pack;
import com.cloudmusic.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local payment simulator's checkout page, a JDK {@link HttpHandler} mounted at
 * {@code /local/checkout/}. {@code GET /local/checkout/{id}} shows the pack, its price, Pay and Cancel.
 * Pay builds the {@code checkout.session.completed} event Stripe would send, signs it with the webhook
 * secret exactly as Stripe does ({@code Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of
 * "t.body">}), POSTs it over HTTP to the real webhook route and, once that accepts it, redirects the
 * browser to the success URL. So the whole path, signature check included, runs offline.
 *
 * <p>The page calls back into the same server while handling a request: the server needs an executor
 * with more than one thread.
 */
public final class LocalCheckoutPage implements HttpHandler {

    /** The API version stripe-java 33 pins; the events Stripe would send to a webhook created with it. */
    static final String API_VERSION = "2026-07-29.dahlia";
    private static final Set<String> ZERO_DECIMAL = Set.of("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga",
            "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf");

    private final LocalPaymentGateway gateway;
    private final HttpHandler notFound;
    private final URI webhookUrl;
    private final byte[] webhookSecret;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * @param webhookUrl    the runner's own {@code /v1/stripe/webhook}, e.g. http://127.0.0.1:3000/v1/stripe/webhook
     * @param webhookSecret the {@code STRIPE_WEBHOOK_SECRET} the webhook function verifies with
     * @param notFound      answers a path that is no session's page (the runner's JSON 404, like the API's)
     */
    public LocalCheckoutPage(LocalPaymentGateway gateway, URI webhookUrl, String webhookSecret, Clock clock,
            HttpHandler notFound) {
        this.notFound = Objects.requireNonNull(notFound, "notFound == null");
        this.gateway = Objects.requireNonNull(gateway, "gateway == null");
        this.webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl == null");
        this.webhookSecret = Objects.requireNonNull(webhookSecret, "webhookSecret == null").getBytes(StandardCharsets.UTF_8);
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String rest = path.startsWith(LocalPaymentGateway.PAGE_PATH) ? path.substring(LocalPaymentGateway.PAGE_PATH.length()) : "";
            String[] parts = rest.split("/", -1);
            var session = gateway.session(parts[0]).orElse(null);
            if (session == null || parts.length > 2) {
                // Sessions of the simulator live in memory and end when the runner stops.
                notFound.handle(exchange);
                return;
            }
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String action = parts.length == 2 ? parts[1] : "";
            if (action.isEmpty() && method.equals("GET")) {
                page(exchange, 200, "Pay " + money(session.pack()), checkoutForm(session, null));
            } else if (action.equals("pay") && method.equals("POST")) {
                pay(exchange, session);
            } else if (action.equals("cancel") && method.equals("POST")) {
                redirect(exchange, session.cancelUrl());
            } else if (action.equals("pay") || action.equals("cancel") || action.isEmpty()) {
                exchange.getResponseHeaders().set("Allow", action.isEmpty() ? "GET" : "POST");
                page(exchange, 405, "Method not allowed", "<p>Use the buttons on the checkout page.</p>");
            } else {
                notFound.handle(exchange);
            }
        }
    }

    private void pay(HttpExchange exchange, LocalPaymentGateway.LocalSession session) throws IOException {
        String successUrl = session.successUrl().replace("{CHECKOUT_SESSION_ID}", session.id());
        if (gateway.isPaid(session.id())) {
            redirect(exchange, successUrl);
            return;
        }
        String payload = Json.write(completedEvent(session));
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(webhookUrl)
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json; charset=utf-8")
                .header("user-agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks) CloudMusic-local-simulator")
                .header("stripe-signature", "t=" + timestamp + ",v1=" + sign(timestamp + "." + payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        int status;
        String answer;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            answer = response.body();
        } catch (IOException e) {
            status = 0;
            answer = String.valueOf(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
            answer = "interrupted";
        }
        if (status / 100 == 2) {
            gateway.markPaid(session.id());
            redirect(exchange, successUrl);
            return;
        }
        // Stripe would retry; here the buyer can, and the same event id is sent again.
        String why = status == 0 ? "could not be reached (" + escape(answer) + ")"
                : "answered HTTP " + status + ": <code>" + escape(abbreviate(answer)) + "</code>";
        page(exchange, 502, "Payment not confirmed", "<p>The webhook at <code>" + escape(webhookUrl.toString())
                + "</code> " + why + ". No credits were granted.</p>" + checkoutForm(session, "Try again"));
    }

    /** A checkout.session.completed event shaped as Stripe sends it for a paid card payment. */
    private ObjectNode completedEvent(LocalPaymentGateway.LocalSession session) {
        long now = clock.instant().getEpochSecond();
        ObjectNode object = Json.mapper().createObjectNode();
        object.put("id", session.id());
        object.put("object", "checkout.session");
        object.put("amount_subtotal", session.pack().amount());
        object.put("amount_total", session.pack().amount());
        object.put("cancel_url", session.cancelUrl());
        object.put("client_reference_id", session.walletHash());
        object.put("created", session.createdEpochSecond());
        object.put("currency", session.pack().currency());
        object.put("expires_at", session.createdEpochSecond() + 24 * 3600);
        object.put("livemode", false);
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("walletHash", session.walletHash());
        metadata.put("pack", session.pack().id());
        metadata.put("fingerprint", session.fingerprint());
        object.put("mode", "payment");
        object.put("payment_intent", session.paymentIntent());
        object.put("payment_status", "paid");
        object.put("status", "complete");
        object.put("success_url", session.successUrl());
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("id", session.eventId());
        event.put("object", "event");
        event.put("api_version", API_VERSION);
        event.put("created", now);
        event.putObject("data").set("object", object);
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        ObjectNode request = event.putObject("request");
        request.putNull("id");
        request.putNull("idempotency_key");
        event.put("type", "checkout.session.completed");
        return event;
    }

    private String sign(String signedPayload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signedPayload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String checkoutForm(LocalPaymentGateway.LocalSession session, String payLabel) {
        String base = LocalPaymentGateway.PAGE_PATH + escape(session.id());
        return "<dl><dt>Pack</dt><dd id=\"pack\">" + escape(session.pack().label()) + "</dd>"
                + "<dt>Credits</dt><dd id=\"credits\">" + session.pack().credits() + "</dd>"
                + "<dt>Amount</dt><dd id=\"amount\">" + escape(money(session.pack())) + "</dd></dl>"
                + "<form method=\"post\" action=\"" + base + "/pay\"><button id=\"pay\" type=\"submit\">"
                + escape(payLabel == null ? "Pay " + money(session.pack()) : payLabel) + "</button></form>"
                + "<form method=\"post\" action=\"" + base + "/cancel\"><button id=\"cancel\" type=\"submit\">Cancel</button></form>";
    }

    static String money(Pack pack) {
        String currency = pack.currency().toUpperCase(Locale.ROOT);
        if (ZERO_DECIMAL.contains(pack.currency())) {
            return currency + " " + pack.amount();
        }
        return currency + " " + pack.amount() / 100 + "." + String.format(Locale.ROOT, "%02d", pack.amount() % 100);
    }

    private static void page(HttpExchange exchange, int status, String title, String bodyHtml) throws IOException {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · local payment simulator</title></head><body>"
                + "<main><h1>" + escape(title) + "</h1>"
                + "<p><strong>Local payment simulator</strong>: no money moves and no card is asked for.</p>"
                + bodyHtml + "</main></body></html>";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("cache-control", "no-store");
        exchange.getResponseHeaders().set("content-security-policy", "default-src 'none'; form-action 'self'");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("location", location);
        exchange.getResponseHeaders().set("cache-control", "no-store");
        exchange.sendResponseHeaders(303, -1);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
