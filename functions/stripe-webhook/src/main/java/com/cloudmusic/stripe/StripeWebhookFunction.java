package com.cloudmusic.stripe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.config.Env;
import com.cloudmusic.http.ApiException;
import com.cloudmusic.http.ErrorMapper;

/**
 * Receives Stripe webhook events at {@code POST /v1/stripe/webhook}. Skeleton until the payments
 * issue: it refuses every event with 503 so Stripe keeps retrying instead of losing one.
 */
public final class StripeWebhookFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public StripeWebhookFunction() {
        this(Env.system());
    }

    public StripeWebhookFunction(Env env) {
        env.required("STRIPE_WEBHOOK_SECRET");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ErrorMapper.toResponse(new ApiException(503, "payments_unavailable",
                "Payments are not enabled yet; Stripe will retry this event."));
    }
}
