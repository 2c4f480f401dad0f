package com.cloudmusic.request;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.access.Caller;
import com.cloudmusic.billing.BillingService;
import com.cloudmusic.billing.PaymentsException;
import com.cloudmusic.errors.DomainException;
import com.cloudmusic.http.ErrorMapper;
import com.cloudmusic.http.HttpResponses;
import com.cloudmusic.http.RouteTemplate;
import com.cloudmusic.quota.QuotaExhaustedException;
import com.cloudmusic.tracks.GenerationRequestParser;
import com.cloudmusic.tracks.TrackFile;
import com.cloudmusic.tracks.TrackService;
import com.cloudmusic.tracks.TrackView;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;

/**
 * The HTTP API's function: decodes the API Gateway event, calls the track service, encodes the answer,
 * and writes one JSON log line per request with the decision (never the IP or User-Agent).
 */
public final class RequestFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>,
        Resource {

    /** The routes this function serves; template.yaml declares the same (checked by a test). */
    public static final List<String> ROUTES = List.of(
            "GET /",
            "GET /{asset+}",
            "GET /v1/quota",
            "POST /v1/tracks",
            "GET /v1/tracks",
            "GET /v1/tracks/{id}",
            "GET /v1/tracks/{id}/audio",
            "GET /v1/tracks/{id}/waveform",
            "GET /v1/packs",
            "POST /v1/checkout",
            "GET /v1/checkout/{sessionId}");

    private static final List<RouteTemplate> TEMPLATES = ROUTES.stream().map(RouteTemplate::parse)
            .sorted(Comparator.comparingInt(RouteTemplate::specificity).reversed()).toList();

    private final RequestWiring wiring;
    private final StaticAssets assets = new StaticAssets();

    public RequestFunction() {
        this(RequestWiring.fromEnvironment());
    }

    public RequestFunction(RequestWiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring == null");
        // With SnapStart, Lambda snapshots the environment after this constructor: prime it first.
        Core.getGlobalContext().register(this);
    }

    /**
     * SnapStart priming: one quota read before the snapshot loads and initialises the DynamoDB client's
     * request path, the JSON mapper and the error mapping, so a restored environment answers its first
     * request without paying for that. Reads only a fixed priming key; writes nothing.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            HttpResponses.json(200, wiring.tracks().quota(Caller.anonymous("snapstart-priming")));
        } catch (RuntimeException e) {
            wiring.log().write("snapstart priming failed", Map.of("exception", e.getClass().getName()));
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: the SDK clients re-resolve credentials and connections on their own.
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Instant started = wiring.clock().instant();
        ApiRequest request = new ApiRequest(event);
        Map<String, Object> logFields = new LinkedHashMap<>();
        APIGatewayV2HTTPResponse response;
        String route = "unmatched";
        try {
            Match match = route(request);
            route = match.template().routeKey();
            response = dispatch(route, match.params(), request, logFields);
        } catch (DomainException e) {
            response = ErrorMapper.toResponse(e);
            logFields.put("error", e.code());
            if (e instanceof PaymentsException payments) {
                logFields.put("detail", payments.detail());
            }
            if (e instanceof QuotaExhaustedException) {
                logFields.put("decision", "BLOCK");
            }
        } catch (RuntimeException e) {
            response = ErrorMapper.toResponse(e);
            logFields.put("error", "internal_error");
            logFields.put("exception", e.getClass().getName());
            // SDK and JDK messages name resources, never the caller's address or User-Agent.
            logFields.put("detail", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (route.equals("POST /v1/tracks")) {
            logFields.putIfAbsent("decision", response.getStatusCode() == 202 ? "ALLOW" : "BLOCK");
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("route", route);
        line.put("status", response.getStatusCode());
        line.putAll(logFields);
        line.put("latencyMs", Duration.between(started, wiring.clock().instant()).toMillis());
        if (context != null) {
            line.put("requestId", context.getAwsRequestId());
        }
        wiring.log().write("request", line);
        return response;
    }

    private record Match(RouteTemplate template, Map<String, String> params) {
    }

    private static Match route(ApiRequest request) {
        for (RouteTemplate template : TEMPLATES) {
            var params = template.match(request.method(), request.path());
            if (params.isPresent()) {
                return new Match(template, params.get());
            }
        }
        throw DomainException.notFound("No route for " + request.method() + " " + request.path() + ".");
    }

    private APIGatewayV2HTTPResponse dispatch(String route, Map<String, String> params, ApiRequest request,
            Map<String, Object> log) {
        TrackService tracks = wiring.tracks();
        switch (route) {
            case "GET /":
                return assets.serve("/");
            case "GET /{asset+}":
                return assets.serve(params.get("asset"));
            case "GET /v1/quota": {
                Caller caller = caller(request, log);
                return HttpResponses.json(200, tracks.quota(caller));
            }
            case "POST /v1/tracks": {
                String body = request.jsonBody();
                Caller caller = caller(request, log);
                var generation = GenerationRequestParser.parse(body);
                TrackService.Accepted accepted = tracks.request(caller, generation);
                log.put("jobId", accepted.job().id());
                log.put("charged", accepted.charge().source().wireName());
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("track", TrackView.of(accepted.job()));
                answer.put("decision", "ALLOW");
                answer.put("charged", accepted.charge().source().wireName());
                answer.put("quota", accepted.quota());
                return HttpResponses.json(202, answer, Map.of("location", "/v1/tracks/" + accepted.job().id()));
            }
            case "GET /v1/tracks": {
                Caller caller = caller(request, log);
                int limit = limit(request);
                return HttpResponses.json(200, Map.of("tracks",
                        tracks.recent(caller, limit).stream().map(TrackView::of).toList()));
            }
            case "GET /v1/tracks/{id}":
                return HttpResponses.json(200, TrackView.of(tracks.get(trackId(params, log))));
            case "GET /v1/tracks/{id}/audio":
                return HttpResponses.redirect(tracks.download(trackId(params, log), audioFormat(request)).toString());
            case "GET /v1/tracks/{id}/waveform":
                return HttpResponses.redirect(tracks.download(trackId(params, log), TrackFile.PNG).toString());
            case "GET /v1/packs":
                return HttpResponses.json(200, Map.of("packs", wiring.billing().packs()));
            case "POST /v1/checkout": {
                String pack = CheckoutBody.pack(request.jsonBody());
                String fingerprint = fingerprint(request, log);
                String returnBase = wiring.publicBaseUrl().orElseGet(request::origin);
                BillingService.Checkout checkout = wiring.billing().checkout(pack, walletKey(request), fingerprint,
                        returnBase);
                log.put("pack", checkout.pack().id());
                log.put("sessionId", checkout.sessionId());
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("url", checkout.url());
                answer.put("walletKey", checkout.walletKey());
                return HttpResponses.json(200, answer);
            }
            case "GET /v1/checkout/{sessionId}": {
                log.put("sessionId", params.get("sessionId"));
                return HttpResponses.json(200, wiring.billing().status(params.get("sessionId")));
            }
            default:
                throw DomainException.notFound("No route for " + route + ".");
        }
    }

    /** The fingerprint, and the wallet when a valid X-Wallet-Key is sent (an invalid one is a 400). */
    private Caller caller(ApiRequest request, Map<String, Object> log) {
        String fingerprint = fingerprint(request, log);
        Optional<String> walletHash = wiring.billing().walletHash(walletKey(request));
        walletHash.ifPresent(hash -> log.put("wallet", true));
        return new Caller(fingerprint, walletHash);
    }

    private String fingerprint(ApiRequest request, Map<String, Object> log) {
        String fingerprint = wiring.fingerprinter().fingerprint(request.sourceIp(), request.userAgent());
        log.put("fingerprint", fingerprint);
        return fingerprint;
    }

    private static Optional<String> walletKey(ApiRequest request) {
        return request.header("x-wallet-key").filter(key -> !key.isBlank());
    }

    private static String trackId(Map<String, String> params, Map<String, Object> log) {
        String id = params.get("id");
        if (id == null || !id.matches("[0-9a-fA-F-]{36}")) {
            throw DomainException.notFound("No track with that id.");
        }
        log.put("jobId", id);
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    private static int limit(ApiRequest request) {
        String raw = request.query("limit").orElse(null);
        if (raw == null) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit < 1 || limit > TrackService.MAX_LIST) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw DomainException.invalid("limit must be a whole number from 1 to " + TrackService.MAX_LIST + ".", "limit");
        }
    }

    private static TrackFile audioFormat(ApiRequest request) {
        String format = request.query("format").orElse("wav");
        return switch (format) {
            case "wav" -> TrackFile.WAV;
            case "mp3" -> TrackFile.MP3;
            default -> throw DomainException.invalid("format must be wav or mp3.", "format");
        };
    }
}
