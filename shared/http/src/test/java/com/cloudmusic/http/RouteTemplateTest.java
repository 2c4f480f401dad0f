package com.cloudmusic.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTemplateTest {

    @Test
    void match_extractsPathParameters() {
        assertThat(RouteTemplate.parse("GET /v1/tracks/{id}/audio").match("GET", "/v1/tracks/abc/audio"))
                .contains(Map.of("id", "abc"));
    }

    @Test
    void match_refusesOtherMethodsAndLengths() {
        RouteTemplate route = RouteTemplate.parse("GET /v1/tracks/{id}");

        assertThat(route.match("POST", "/v1/tracks/abc")).isEmpty();
        assertThat(route.match("GET", "/v1/tracks/abc/audio")).isEmpty();
        assertThat(route.match("GET", "/v1/tracks/")).isEmpty();
    }

    @Test
    void greedyParameter_takesTheRestOfThePath() {
        assertThat(RouteTemplate.parse("GET /{asset+}").match("GET", "/img/logo.svg")).contains(Map.of("asset", "img/logo.svg"));
    }

    @Test
    void literalRoutes_areMoreSpecificThanGreedyOnes() {
        assertThat(RouteTemplate.parse("GET /v1/quota").specificity())
                .isGreaterThan(RouteTemplate.parse("GET /{asset+}").specificity());
    }
}
