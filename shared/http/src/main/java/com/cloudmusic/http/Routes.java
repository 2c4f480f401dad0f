package com.cloudmusic.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.errors.DomainException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A function's routes, declared once as a static table: route key (as template.yaml's HttpApi events spell
 * it) → the handler's method that answers it. Matching picks the most specific route, so
 * {@code GET /v1/quota} wins over {@code GET /{asset+}}; no match is a 404.
 *
 * @param <H> the handler whose methods answer the routes
 */
public final class Routes<H> {

    /** Answers one route on handler {@code H}. {@code log} collects the safe fields of the request's log line. */
    @FunctionalInterface
    public interface Endpoint<H> {
        APIGatewayV2HTTPResponse answer(H handler, ApiRequest request, Map<String, String> pathParameters,
                Map<String, Object> log);
    }

    private record Route<H>(RouteTemplate template, Endpoint<H> endpoint) {
    }

    private final List<Route<H>> declared;
    private final List<Route<H>> bySpecificity;

    private Routes(List<Route<H>> declared) {
        this.declared = List.copyOf(declared);
        this.bySpecificity = declared.stream()
                .sorted(Comparator.comparingInt((Route<H> r) -> r.template().specificity()).reversed())
                .toList();
    }

    public static <H> Builder<H> builder() {
        return new Builder<>();
    }

    /** The route keys, in declaration order, e.g. {@code "GET /v1/tracks/{id}"}. */
    public List<String> keys() {
        return declared.stream().map(r -> r.template().routeKey()).toList();
    }

    /** Finds the route, records it in the log as {@code route}, and lets its endpoint answer. */
    public APIGatewayV2HTTPResponse dispatch(H handler, ApiRequest request, Map<String, Object> log) {
        for (Route<H> route : bySpecificity) {
            Optional<Map<String, String>> params = route.template().match(request.method(), request.path());
            if (params.isPresent()) {
                log.put("route", route.template().routeKey());
                return route.endpoint().answer(handler, request, params.get(), log);
            }
        }
        throw DomainException.notFound("No route for " + request.method() + " " + request.path() + ".");
    }

    public static final class Builder<H> {
        private final Map<String, Route<H>> routes = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder<H> route(String routeKey, Endpoint<H> endpoint) {
            RouteTemplate template = RouteTemplate.parse(routeKey);
            Objects.requireNonNull(endpoint, "endpoint == null");
            if (routes.putIfAbsent(template.routeKey(), new Route<>(template, endpoint)) != null) {
                throw new IllegalArgumentException("route declared twice: " + routeKey);
            }
            return this;
        }

        public Routes<H> build() {
            return new Routes<>(new ArrayList<>(routes.values()));
        }
    }
}
