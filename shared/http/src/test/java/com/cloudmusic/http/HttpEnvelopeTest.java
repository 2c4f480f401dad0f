package com.cloudmusic.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.errors.DomainException;
import com.cloudmusic.log.JsonLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpEnvelopeTest {

    private final List<String> lines = new ArrayList<>();
    private final HttpEnvelope envelope = new HttpEnvelope(new JsonLog(lines::add), Clock.systemUTC(), "request");

    private static final Routes<HttpEnvelopeTest> ROUTES = Routes.<HttpEnvelopeTest>builder()
            .route("GET /boom", (t, request, params, log) -> {
                throw new IllegalStateException("table cloudmusic-x missing");
            })
            .route("GET /v1/things/{id}", (t, request, params, log) -> {
                log.put("thing", params.get("id"));
                throw DomainException.notFound("No thing " + params.get("id") + ".");
            })
            .build();

    private APIGatewayV2HTTPResponse get(String path) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRawPath(path)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build()).build())
                .build();
        return envelope.handle(event, null, (request, log) -> ROUTES.dispatch(this, request, log));
    }

    @Test
    void domainFailure_isMappedOnce_andLoggedWithTheRouteAndWhatTheEndpointCollected() {
        APIGatewayV2HTTPResponse response = get("/v1/things/42");

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).contains("\"code\":\"not_found\"");
        assertThat(lines).singleElement().asString()
                .contains("\"route\":\"GET /v1/things/{id}\"", "\"status\":404", "\"thing\":\"42\"", "\"error\":\"not_found\"");
    }

    @Test
    void unexpectedFailure_is500WithoutInternals_andTheLogKeepsTheDetail() {
        APIGatewayV2HTTPResponse response = get("/boom");

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).contains("internal_error").doesNotContain("cloudmusic-x").doesNotContain("IllegalState");
        assertThat(lines).singleElement().asString().contains("\"detail\":\"table cloudmusic-x missing\"");
    }

    @Test
    void unknownRoute_is404_loggedAsUnmatched() {
        assertThat(get("/nowhere").getStatusCode()).isEqualTo(404);
        assertThat(lines).singleElement().asString().contains("\"route\":\"unmatched\"");
    }

    @Test
    void routes_keepTheirDeclarationOrder_andRefuseADuplicate() {
        assertThat(ROUTES.keys()).containsExactly("GET /boom", "GET /v1/things/{id}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Routes.builder()
                .route("GET /a", (t, r, p, l) -> null).route("GET /a", (t, r, p, l) -> null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
