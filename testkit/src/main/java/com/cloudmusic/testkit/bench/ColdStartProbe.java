package com.cloudmusic.testkit.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.cloudmusic.testkit.ApiEvents;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * Measures one cold start: from this JVM's start to the first event answered by a function, constructed
 * as Lambda does (no-argument constructor, reading the environment). Prints the milliseconds and the
 * outcome (HTTP status, failed batch items, or posts). Run it once per JVM, with one function's jar:
 *
 * <ul>
 *   <li>{@code request}: the first {@code POST /v1/tracks} (an 8 s bass loop);</li>
 *   <li>{@code generate <jobId>}: the first SQS batch, one message for that queued job (rendered and stored);</li>
 *   <li>{@code stripe-webhook <payload> <signature>}: the first verified {@code checkout.session.completed};</li>
 *   <li>{@code publish}: the first scheduled run (track of the day made, teaser cut, outbox written);</li>
 *   <li>{@code empty}: the baseline, a handler that does nothing, loaded the same way.</li>
 * </ul>
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        String outcome = switch (args[0]) {
            case "request" -> {
                APIGatewayV2HTTPResponse response = invoke("com.cloudmusic.request.RequestFunction",
                        ApiEvents.postJson("/v1/tracks", ColdStartFixtures.GUIDED_BASS, callerIp(), ApiEvents.BROWSER));
                yield Integer.toString(response.getStatusCode());
            }
            case "generate" -> {
                SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                message.setMessageId("bench-" + args[1]);
                message.setBody("{\"jobId\":\"" + args[1] + "\"}");
                message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
                message.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:cloudmusic-bench-jobs");
                SQSEvent event = new SQSEvent();
                event.setRecords(List.of(message));
                SQSBatchResponse response = invoke("com.cloudmusic.generate.GenerateFunction", event);
                yield response.getBatchItemFailures().isEmpty() ? "done" : "retry";
            }
            case "stripe-webhook" -> {
                APIGatewayV2HTTPEvent event = ApiEvents.postJson("/v1/stripe/webhook", args[1], "3.18.12.63",
                        "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
                event.getHeaders().put("stripe-signature", args[2]);
                APIGatewayV2HTTPResponse response = invoke("com.cloudmusic.stripe.StripeWebhookFunction", event);
                yield response.getStatusCode() + " " + response.getBody();
            }
            case "publish" -> {
                Map<String, Object> summary = invoke("com.cloudmusic.publish.PublishFunction", Map.of());
                yield "trackOfTheDay=" + ((Map<?, ?>) summary.get("trackOfTheDay")).get("status") + " posted="
                        + summary.get("postedCount");
            }
            case "empty" -> {
                APIGatewayV2HTTPResponse response = new EmptyHandler().handleRequest(
                        ApiEvents.postJson("/v1/tracks", ColdStartFixtures.GUIDED_BASS, callerIp(), ApiEvents.BROWSER),
                        null);
                yield Integer.toString(response.getStatusCode());
            }
            default -> throw new IllegalArgumentException("unknown function " + args[0]);
        };
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println((System.currentTimeMillis() - jvmStart) + " " + outcome);
    }

    @SuppressWarnings("unchecked")
    private static <I, O> O invoke(String handlerClass, I event) throws Exception {
        RequestHandler<I, O> handler = (RequestHandler<I, O>) Class.forName(handlerClass).getConstructor().newInstance();
        return handler.handleRequest(event, null);
    }

    private static String callerIp() {
        return "198.51.100." + (ProcessHandle.current().pid() % 250);
    }

    /** The baseline: a handler that does nothing. */
    public static final class EmptyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent input,
                com.amazonaws.services.lambda.runtime.Context context) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(202).build();
        }
    }
}
