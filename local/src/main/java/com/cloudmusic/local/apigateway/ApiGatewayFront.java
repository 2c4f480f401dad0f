package com.cloudmusic.local.apigateway;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.errors.DomainException;
import com.cloudmusic.http.ErrorMapper;
import com.cloudmusic.http.RouteTemplate;
import com.cloudmusic.local.lambda.LocalLambdaContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Plays API Gateway's part: matches each request against the template's routes (most specific first),
 * hands the matched function the payload 2.0 event, and writes its response back as HTTP.
 */
public final class ApiGatewayFront implements HttpHandler {

    /** One template route and the function instance behind it. */
    public record Route(RouteTemplate template, String functionName,
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function) {
        public Route {
            Objects.requireNonNull(template, "template == null");
            Objects.requireNonNull(functionName, "functionName == null");
            Objects.requireNonNull(function, "function == null");
        }
    }

    private final List<Route> routes;
    private final String region;
    private final Clock clock;
    private final Consumer<String> problems;
    private final Function<InetSocketAddress, InetAddress> peers;

    /** @param peers the client a connection stands for ({@link RequestHeadGuard#peerOf}) */
    public ApiGatewayFront(List<Route> routes, String region, Clock clock, Consumer<String> problems,
            Function<InetSocketAddress, InetAddress> peers) {
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt((Route r) -> r.template().specificity()).reversed())
                .toList();
        this.region = Objects.requireNonNull(region, "region == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.problems = Objects.requireNonNull(problems, "problems == null");
        this.peers = Objects.requireNonNull(peers, "peers == null");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ApiGatewayEvents.HttpAnswer answer;
            try {
                answer = answer(IncomingRequest.from(exchange, peers));
            } catch (IncomingRequest.BodyTooLargeException e) {
                answer = ApiGatewayEvents.toAnswer(ErrorMapper.toResponse(new DomainException(DomainException.Kind.TOO_LARGE, "payload_too_large",
                        "The body must be at most " + IncomingRequest.MAX_BODY_BYTES + " bytes.")));
            }
            write(exchange, answer);
        }
    }

    /** Routes one request and returns what API Gateway would send back. */
    public ApiGatewayEvents.HttpAnswer answer(IncomingRequest request) {
        Optional<Matched> matched = match(request);
        if (matched.isEmpty()) {
            return ApiGatewayEvents.toAnswer(ErrorMapper.toResponse(
                    DomainException.notFound("No route for " + request.method() + " " + request.rawPath() + ".")));
        }
        Route route = matched.get().route();
        String requestId = UUID.randomUUID().toString();
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(request, route.template().routeKey(),
                matched.get().pathParameters(), requestId, clock.instant());
        try {
            APIGatewayV2HTTPResponse response = route.function().handleRequest(event,
                    new LocalLambdaContext(requestId, route.functionName(), region, 30));
            if (response == null) {
                throw new IllegalStateException("the function returned no response");
            }
            return ApiGatewayEvents.toAnswer(response);
        } catch (RuntimeException e) {
            // What API Gateway does when the integration fails: a bare 500, details only in the log.
            problems.accept(route.functionName() + " failed on " + route.template().routeKey() + ": " + e);
            return ApiGatewayEvents.toAnswer(ErrorMapper.toResponse(e));
        }
    }

    private record Matched(Route route, Map<String, String> pathParameters) {
    }

    private Optional<Matched> match(IncomingRequest request) {
        String path = decodePath(request.rawPath());
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.template().match(request.method(), path);
            if (parameters.isPresent()) {
                return Optional.of(new Matched(route, new LinkedHashMap<>(parameters.get())));
            }
        }
        return Optional.empty();
    }

    private static String decodePath(String rawPath) {
        try {
            // Only percent-escapes are decoded in a path; '+' stays a plus.
            return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return rawPath;
        }
    }

    private static void write(HttpExchange exchange, ApiGatewayEvents.HttpAnswer answer) throws IOException {
        answer.headers().forEach((name, values) -> {
            if (!name.equals("content-length") && !name.equals("transfer-encoding")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        boolean noBody = answer.body().length == 0 || answer.status() == 204 || answer.status() == 304
                || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(answer.status(), noBody ? -1 : answer.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }
}
