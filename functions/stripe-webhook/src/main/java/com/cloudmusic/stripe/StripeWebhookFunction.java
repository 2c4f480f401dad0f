package com.cloudmusic.stripe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.aws.SnapStartPriming;
import com.cloudmusic.billing.CreditGrants;
import com.cloudmusic.billing.PaymentEvent;
import com.cloudmusic.errors.DomainException;
import com.cloudmusic.http.ApiRequest;
import com.cloudmusic.http.HttpEnvelope;
import com.cloudmusic.http.HttpResponses;
import com.cloudmusic.http.Routes;
import com.cloudmusic.log.Invocation;
import com.cloudmusic.json.StrictJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.crac.Core;
import org.crac.Resource;

/**
 * Receives Stripe events at {@code POST /v1/stripe/webhook} (SPEC §4.6). The signature is checked on
 * the raw body before anything is parsed; then a paid checkout grants its pack's credits and a refund
 * or dispute takes back what is unspent. Bad signatures and payloads get 400 with nothing written;
 * failures of ours get 500, so Stripe delivers again (grants are idempotent). Other types: 200, ignored.
 */
public final class StripeWebhookFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>,
        Resource {

    /** Stripe's events are a few kilobytes; anything this large is not one. */
    static final int MAX_BODY_BYTES = 512 * 1024;

    static {
        // Runs when Lambda loads the handler, before the constructor builds the clients.
        SnapStartPriming.preloadDuringColdStart(WebhookWiring.CLASS_LIST, System.getenv());
    }

    private final WebhookWiring wiring;
    private final HttpEnvelope envelope;

    public StripeWebhookFunction() {
        this(WebhookWiring.fromEnvironment());
    }

    public StripeWebhookFunction(WebhookWiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring == null");
        this.envelope = new HttpEnvelope(wiring.log(), wiring.clock(), "stripe_webhook");
        // With SnapStart, Lambda snapshots the environment after this constructor: prime it first.
        Core.getGlobalContext().register(this);
    }

    /** SnapStart priming: the committed class list, a purchase read and a signature check that fails; writes nothing. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        wiring.priming().beforeCheckpoint();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        wiring.priming().afterRestore();
    }

    /** The one route of this function; template.yaml declares the same (checked by a test). */
    public static final Routes<StripeWebhookFunction> ROUTES = Routes.<StripeWebhookFunction>builder()
            .route("POST /v1/stripe/webhook", StripeWebhookFunction::receive)
            .build();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return envelope.handle(event, context, (request, log) -> ROUTES.dispatch(this, request, log));
    }

    private APIGatewayV2HTTPResponse receive(ApiRequest request, Map<String, String> params, Map<String, Object> line) {
        try {
            String payload = rawBody(request);
            verifySignature(payload, request);
            return handle(StripeEvent.parse(payload), line);
        } catch (DomainException e) {
            // Why a delivery was refused (signature, payload) is what an operator needs; it names nothing private.
            line.put("detail", e.getMessage());
            throw e;
        }
    }

    private void verifySignature(String payload, ApiRequest request) {
        try {
            wiring.signature().verify(payload, request.header("stripe-signature").orElse(null));
        } catch (DomainException e) {
            wiring.metrics().webhookSignatureFailure(e.code());
            throw e;
        }
    }

    private void recordCredits(String eventType, CreditGrants.Result result) {
        // Only what moved now: a duplicate delivery moves nothing and counts nothing.
        if (result.outcome() == CreditGrants.Outcome.GRANTED) {
            wiring.metrics().creditsGranted(eventType, result.credits());
        } else if (result.outcome() == CreditGrants.Outcome.TAKEN_BACK) {
            wiring.metrics().creditsTakenBack(eventType, result.credits());
        }
    }

    private APIGatewayV2HTTPResponse handle(StripeEvent event, Map<String, Object> line) {
        Invocation.correlate(event.id());
        line.put("type", event.type());
        PaymentEvent payment = event.toPaymentEvent();
        if (event.type().startsWith("checkout.session.")) {
            line.put("sessionId", payment.objectId());
        }
        if (payment.paymentIntent() != null) {
            line.put("paymentIntent", payment.paymentIntent());
        }
        CreditGrants.Result result = wiring.grants().handle(payment);
        if (result.outcome() == CreditGrants.Outcome.AWAITING_PAYMENT) {
            line.put("paymentStatus", payment.paymentStatus());
        }
        if (result.purchase() != null) {
            line.put("sessionId", result.purchase().sessionId());
            line.put("pack", result.purchase().packId());
        }
        line.put("credits", result.credits());
        recordCredits(event.type(), result);
        if (result.shortfall() > 0) {
            // Credits of this purchase already spent on loops: they cannot come back from the wallet.
            line.put("shortfall", result.shortfall());
        }
        if (result.withheld() > 0) {
            // A refund or dispute that arrived before this grant kept its share of the credits back.
            line.put("withheld", result.withheld());
        }
        return outcome(result.outcome().wireName(), line);
    }

    private static APIGatewayV2HTTPResponse outcome(String outcome, Map<String, Object> line) {
        line.put("outcome", outcome);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("received", true);
        body.put("outcome", outcome);
        return HttpResponses.json(200, body);
    }

    /** The body exactly as Stripe sent it, strictly decoded: a lossy decode would change the bytes the signature covers. */
    static String rawBody(ApiRequest request) {
        try {
            String body = StrictJson.utf8(request.body(MAX_BODY_BYTES));
            if (body.isEmpty()) {
                throw invalidPayload("The body is empty.");
            }
            return body;
        } catch (DomainException e) {
            // Whatever is wrong with the bytes, Stripe hears the one answer its docs describe: 400.
            throw e.code().equals("invalid_payload") ? e : invalidPayload(e.getMessage());
        }
    }

    static DomainException invalidPayload(String message) {
        return new DomainException(DomainException.Kind.INVALID, "invalid_payload", message);
    }

    /** The parts of a verified Stripe event we read; the payload is parsed as a tree, whatever its API version. */
    record StripeEvent(String id, String type, JsonNode object) {

        static StripeEvent parse(String payload) {
            JsonNode root;
            try {
                root = StrictJson.read(payload);
            } catch (DomainException e) {
                throw invalidPayload("The body is not a JSON Stripe event: " + e.getMessage());
            }
            if (root == null || !root.isObject() || !"event".equals(root.path("object").asText(null))
                    || !root.path("id").isTextual() || !root.path("type").isTextual()
                    || !root.path("data").path("object").isObject()) {
                throw invalidPayload("The body is not a Stripe event (id, type and data.object are required).");
            }
            return new StripeEvent(root.get("id").asText(), root.get("type").asText(), root.path("data").path("object"));
        }

        String text(String field) {
            JsonNode value = object.get(field);
            return value == null || !value.isTextual() ? null : value.asText();
        }

        String objectId() {
            String id = text("id");
            if (id == null) {
                throw invalidPayload("The event's data.object has no id.");
            }
            return id;
        }

        /** The parts {@link CreditGrants} decides on; a session's id is required, other objects' are not. */
        PaymentEvent toPaymentEvent() {
            String id = type.startsWith("checkout.session.") ? objectId() : text("id");
            return new PaymentEvent(this.id, type, id, text("payment_status"), paymentIntent(), amount("amount"),
                    amount("amount_refunded"));
        }

        private Long amount(String field) {
            JsonNode value = object.get(field);
            return value == null || !value.canConvertToLong() || !value.isIntegralNumber() ? null : value.asLong();
        }

        /** A plain id, or the id of an expanded object. */
        String paymentIntent() {
            JsonNode value = object.get("payment_intent");
            if (value != null && value.isObject()) {
                value = value.get("id");
            }
            return value == null || !value.isTextual() ? null : value.asText();
        }
    }
}
