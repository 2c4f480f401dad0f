package com.cloudmusic.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.cloudmusic.billing.PaymentGateway;
import com.cloudmusic.config.Env;
import com.cloudmusic.generate.GenerateFunction;
import com.cloudmusic.generate.GenerateWiring;
import com.cloudmusic.generate.ReconcileFunction;
import com.cloudmusic.generate.ReconcileWiring;
import com.cloudmusic.log.JsonLog;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.outbound.Sleeper;
import com.cloudmusic.publish.PublishFunction;
import com.cloudmusic.publish.PublishWiring;
import com.cloudmusic.request.RequestFunction;
import com.cloudmusic.request.RequestWiring;
import com.cloudmusic.stripe.StripeWebhookFunction;
import com.cloudmusic.stripe.WebhookWiring;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance per function, like one warm Lambda execution environment, built from the handler class
 * template.yaml names and the environment the runner composed. The only place that knows each
 * handler's wiring constructor.
 */
final class LocalFunctions {

    private final Env env;
    private final Optional<MusicEngine> engine;
    private final Clock clock;
    private final JsonLog log;
    private final Map<String, Object> instances = new ConcurrentHashMap<>();
    private final Optional<PaymentGateway> payments;

    /**
     * @param payments the local checkout simulator when no Stripe key is set; empty to use Stripe
     */
    LocalFunctions(Env env, Optional<MusicEngine> engine, Optional<PaymentGateway> payments, Clock clock, JsonLog log) {
        this.env = Objects.requireNonNull(env, "env == null");
        this.payments = Objects.requireNonNull(payments, "payments == null");
        this.engine = Objects.requireNonNull(engine, "engine == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.log = Objects.requireNonNull(log, "log == null");
    }

    @SuppressWarnings("unchecked")
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> http(String handlerClass) {
        Object function = instance(handlerClass);
        if (function instanceof RequestFunction || function instanceof StripeWebhookFunction) {
            return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) function;
        }
        throw new IllegalStateException(handlerClass + " is wired to an HttpApi event but does not take HTTP events");
    }

    @SuppressWarnings("unchecked")
    RequestHandler<SQSEvent, SQSBatchResponse> sqs(String handlerClass) {
        Object function = instance(handlerClass);
        if (function instanceof GenerateFunction) {
            return (RequestHandler<SQSEvent, SQSBatchResponse>) function;
        }
        throw new IllegalStateException(handlerClass + " is wired to an SQS event but does not take SQS events");
    }

    @SuppressWarnings("unchecked")
    RequestHandler<Map<String, Object>, ?> scheduled(String handlerClass) {
        Object function = instance(handlerClass);
        if (function instanceof PublishFunction || function instanceof ReconcileFunction) {
            return (RequestHandler<Map<String, Object>, ?>) function;
        }
        throw new IllegalStateException(handlerClass + " is wired to a Schedule event but does not take scheduled events");
    }

    private Object instance(String handlerClass) {
        return instances.computeIfAbsent(handlerClass, this::create);
    }

    private Object create(String handlerClass) {
        if (handlerClass.equals(RequestFunction.class.getName())) {
            return new RequestFunction(payments.isPresent()
                    ? RequestWiring.from(env, clock, log, payments.get())
                    : RequestWiring.from(env, clock, log));
        }
        if (handlerClass.equals(GenerateFunction.class.getName())) {
            return new GenerateFunction(engine.isPresent()
                    ? GenerateWiring.from(env, engine.get(), clock, log)
                    : GenerateWiring.from(env));
        }
        if (handlerClass.equals(StripeWebhookFunction.class.getName())) {
            return new StripeWebhookFunction(WebhookWiring.from(env, clock, log));
        }
        if (handlerClass.equals(ReconcileFunction.class.getName())) {
            return new ReconcileFunction(ReconcileWiring.from(env, clock, log));
        }
        if (handlerClass.equals(PublishFunction.class.getName())) {
            return new PublishFunction(engine.isPresent()
                    ? PublishWiring.from(env, engine.get(), clock, log, Sleeper.system())
                    : PublishWiring.from(env, clock, log, Sleeper.system()));
        }
        throw new IllegalStateException("template.yaml names the handler " + handlerClass
                + ", which the local runner does not know how to build (see LocalFunctions)");
    }
}
