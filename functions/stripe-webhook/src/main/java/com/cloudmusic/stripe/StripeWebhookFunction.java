package com.cloudmusic.stripe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.billing.CreditGrants;
import com.cloudmusic.errors.DomainException;
import com.cloudmusic.http.ErrorMapper;
import com.cloudmusic.http.HttpResponses;
import com.cloudmusic.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Receives Stripe events at {@code POST /v1/stripe/webhook} (SPEC §4.6). The signature is checked on
 * the raw body before anything is parsed; then a paid checkout grants its pack's credits and a refund
 * or dispute takes back what is unspent. Bad signatures and payloads get 400 with nothing written;
 * failures of ours get 500, so Stripe delivers again (grants are idempotent). Other types: 200, ignored.
 */
public final class StripeWebhookFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Stripe's events are a few kilobytes; anything this large is not one. */
    static final int MAX_BODY_BYTES = 512 * 1024;

    private final WebhookWiring wiring;

    public StripeWebhookFunction() {
        this(WebhookWiring.fromEnvironment());
    }

    public StripeWebhookFunction(WebhookWiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring == null");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Instant started = wiring.clock().instant();
        Map<String, Object> line = new LinkedHashMap<>();
        APIGatewayV2HTTPResponse response;
        try {
            String payload = rawBody(event);
            wiring.signature().verify(payload, header(event, "stripe-signature"));
            response = handle(StripeEvent.parse(payload), line);
        } catch (DomainException e) {
            response = ErrorMapper.toResponse(e);
            line.put("error", e.code());
            line.put("detail", e.getMessage());
        } catch (RuntimeException e) {
            response = ErrorMapper.toResponse(e);
            line.put("error", "internal_error");
            line.put("exception", e.getClass().getName());
            line.put("detail", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        line.put("status", response.getStatusCode());
        line.put("latencyMs", Duration.between(started, wiring.clock().instant()).toMillis());
        if (context != null) {
            line.put("requestId", context.getAwsRequestId());
        }
        wiring.log().write("stripe-webhook", line);
        return response;
    }

    private APIGatewayV2HTTPResponse handle(StripeEvent event, Map<String, Object> line) {
        line.put("eventId", event.id());
        line.put("type", event.type());
        CreditGrants.Result result;
        switch (event.type()) {
            case "checkout.session.completed":
                line.put("sessionId", event.objectId());
                if (!"paid".equals(event.text("payment_status"))) {
                    // Delayed methods (bank debits): the async_payment_* event decides later.
                    line.put("paymentStatus", event.text("payment_status"));
                    return outcome("awaiting_payment", line);
                }
                result = wiring.grants().grant(event.id(), event.type(), event.objectId(), event.paymentIntent());
                break;
            case "checkout.session.async_payment_succeeded":
                line.put("sessionId", event.objectId());
                result = wiring.grants().grant(event.id(), event.type(), event.objectId(), event.paymentIntent());
                break;
            case "checkout.session.async_payment_failed":
                line.put("sessionId", event.objectId());
                return outcome("payment_failed", line);
            case "charge.refunded":
            case "charge.dispute.created":
                line.put("paymentIntent", event.paymentIntent());
                result = wiring.grants().takeBack(event.id(), event.type(), event.paymentIntent());
                break;
            default:
                return outcome("ignored", line);
        }
        if (result.purchase() != null) {
            line.put("sessionId", result.purchase().sessionId());
            line.put("pack", result.purchase().packId());
        }
        line.put("credits", result.credits());
        if (result.shortfall() > 0) {
            // Credits of this purchase already spent on loops: they cannot come back from the wallet.
            line.put("shortfall", result.shortfall());
        }
        return outcome(result.outcome().name().toLowerCase(java.util.Locale.ROOT), line);
    }

    private static APIGatewayV2HTTPResponse outcome(String outcome, Map<String, Object> line) {
        line.put("outcome", outcome);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("received", true);
        body.put("outcome", outcome);
        return HttpResponses.json(200, body);
    }

    /** The body exactly as Stripe sent it (API Gateway base64-encodes it when it sees fit). */
    static String rawBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            throw invalidPayload("The body is empty.");
        }
        if (body.length() > MAX_BODY_BYTES * 4 / 3 + 4) {
            throw invalidPayload("The body is too large to be a Stripe event.");
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw invalidPayload("The body is not valid base64.");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw invalidPayload("The body is too large to be a Stripe event.");
        }
        try {
            // Strict decoding: a lossy one would change the bytes the signature covers.
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalidPayload("The body is not valid UTF-8.");
        }
    }

    private static String header(APIGatewayV2HTTPEvent event, String name) {
        if (event.getHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, String> entry : event.getHeaders().entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    static DomainException invalidPayload(String message) {
        return new DomainException(DomainException.Kind.INVALID, "invalid_payload", message);
    }

    /** The parts of a verified Stripe event we read; the payload is parsed as a tree, whatever its API version. */
    record StripeEvent(String id, String type, JsonNode object) {

        static StripeEvent parse(String payload) {
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(payload);
            } catch (Exception e) {
                throw invalidPayload("The body is not a JSON Stripe event.");
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
