package com.cloudmusic.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.config.Env;
import com.cloudmusic.testkit.HandlerContract;
import com.cloudmusic.emulators.SamTemplate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** template.yaml wires the Stripe webhook route to a handler that takes HTTP API events. */
class WebhookTemplateContractTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void handlerNamedInTheTemplate_takesHttpApiEvents() throws Exception {
        Class<?> type = HandlerContract.handlerClass((String) template.properties("StripeWebhookFunction").get("Handler"));

        assertThat(type).isEqualTo(StripeWebhookFunction.class);
        assertThat(HandlerContract.eventTypes(type))
                .containsExactly(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class);
    }

    @Test
    void everyVariableTheFunctionReads_isSetByTheTemplate() {
        Env env = new Env(Map.of("TABLE_NAME", "table", "STRIPE_WEBHOOK_SECRET", "whsec_for-this-test-only",
                "AWS_REGION", "us-east-1"));

        WebhookWiring.from(env, java.time.Clock.systemUTC(), new com.cloudmusic.log.JsonLog(line -> { }));

        Set<String> read = new HashSet<>(env.namesRead());
        read.removeIf(name -> name.startsWith("AWS_"));
        assertThat(template.environmentNames("StripeWebhookFunction")).containsAll(read);
    }

    @Test
    void templateRoutes_areExactlyTheRoutesTheFunctionServes() {
        assertThat(template.routes("StripeWebhookFunction")).containsExactly("POST /v1/stripe/webhook")
                .containsExactlyInAnyOrderElementsOf(StripeWebhookFunction.ROUTES.keys());
    }
}
