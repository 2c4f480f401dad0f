package com.cloudmusic.testkit.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.testkit.ApiEvents;
import java.lang.management.ManagementFactory;

/**
 * Measures one cold start: from this JVM's start to the first {@code POST /v1/tracks} answered by the
 * handler class named in the first argument (constructed as Lambda does, through its no-argument
 * constructor, reading the environment). Prints the milliseconds and the status. Run it once per JVM.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) type.getConstructor().newInstance();
        APIGatewayV2HTTPEvent event = ApiEvents.postJson("/v1/tracks",
                "{\"mode\":\"guided\",\"params\":{\"type\":\"bass\",\"bpm\":124,\"duration\":8}}",
                "198.51.100." + (ProcessHandle.current().pid() % 250), ApiEvents.BROWSER);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println((System.currentTimeMillis() - jvmStart) + " " + response.getStatusCode());
    }

    /** The baseline: a handler that does nothing, loaded the same way. */
    public static final class EmptyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent input,
                com.amazonaws.services.lambda.runtime.Context context) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(202).build();
        }
    }
}
