package com.cloudmusic.request;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.access.Caller;
import com.cloudmusic.aws.SnapStartPriming;
import com.cloudmusic.billing.BillingService;
import com.cloudmusic.errors.DomainException;
import com.cloudmusic.http.ApiRequest;
import com.cloudmusic.http.HttpEnvelope;
import com.cloudmusic.http.HttpResponses;
import com.cloudmusic.http.Routes;
import com.cloudmusic.log.Invocation;
import com.cloudmusic.quota.ChargeRefusedException;
import com.cloudmusic.tracks.GenerationRequestParser;
import com.cloudmusic.tracks.KitView;
import com.cloudmusic.tracks.TrackFile;
import com.cloudmusic.tracks.TrackService;
import com.cloudmusic.tracks.TrackView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * The HTTP API's function: decodes the API Gateway event, calls the track service, encodes the answer,
 * and writes one JSON log line per request with the decision (never the IP or User-Agent).
 */
public final class RequestFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>,
        Resource {

    static {
        // Runs when Lambda loads the handler, before the constructor builds the clients.
        SnapStartPriming.preloadDuringColdStart(RequestWiring.CLASS_LIST, System.getenv());
    }

    private final RequestWiring wiring;
    private final StaticAssets assets = new StaticAssets();
    private final HttpEnvelope envelope;

    public RequestFunction() {
        this(RequestWiring.fromEnvironment());
    }

    public RequestFunction(RequestWiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring == null");
        this.envelope = new HttpEnvelope(wiring.log(), wiring.clock(), "request");
        // With SnapStart, Lambda snapshots the environment after this constructor: prime it first.
        Core.getGlobalContext().register(this);
    }

    /**
     * SnapStart priming (see {@link com.cloudmusic.aws.SnapStartPriming}): the committed class list of a
     * real first POST, a quota read through the fingerprint and the JSON answer, a queue attribute read,
     * the presigner and the request-body parser, so a restored environment answers its first request
     * without loading them. Reads only; writes nothing.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        wiring.priming().beforeCheckpoint();
    }

    /** Re-seeds the generator of track seeds and wallet keys, so restored copies never share them. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        wiring.priming().afterRestore();
    }

    /** The routes this function serves, each declared once; template.yaml declares the same (checked by a test). */
    public static final Routes<RequestFunction> ROUTES = Routes.<RequestFunction>builder()
            .route("GET /", (f, request, params, log) -> f.assets.serve("/"))
            .route("GET /{asset+}", (f, request, params, log) -> f.assets.serve(params.get("asset")))
            .route("GET /v1/openapi.json", (f, request, params, log) -> HttpResponses.json(200, OpenApiDocument.get()))
            .route("GET /v1/quota", RequestFunction::quota)
            .route("POST /v1/tracks", RequestFunction::requestTrack)
            .route("GET /v1/tracks", RequestFunction::listTracks)
            .route("GET /v1/tracks/{id}", RequestFunction::getTrack)
            .route("GET /v1/tracks/{id}/audio", (f, request, params, log) -> f.download(params, audioFormat(request), log))
            .route("GET /v1/tracks/{id}/waveform", (f, request, params, log) -> f.download(params, TrackFile.PNG, log))
            .route("POST /v1/kits", RequestFunction::requestKit)
            .route("GET /v1/kits/{id}", (f, request, params, log) ->
                    HttpResponses.json(200, KitView.of(f.wiring.tracks().kit(kitId(params, log)))))
            .route("GET /v1/kits/{id}/zip", (f, request, params, log) ->
                    HttpResponses.redirect(f.wiring.tracks().kitZip(kitId(params, log)).toString()))
            .route("GET /v1/packs", (f, request, params, log) -> HttpResponses.json(200, Map.of("packs", f.wiring.billing().packs())))
            .route("POST /v1/checkout", RequestFunction::checkout)
            .route("GET /v1/checkout/{sessionId}", RequestFunction::checkoutStatus)
            .build();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return envelope.handle(event, context, (request, log) -> ROUTES.dispatch(this, request, log));
    }

    private APIGatewayV2HTTPResponse quota(ApiRequest request, Map<String, String> params, Map<String, Object> log) {
        return HttpResponses.json(200, wiring.tracks().quota(caller(request, log)));
    }

    private APIGatewayV2HTTPResponse listTracks(ApiRequest request, Map<String, String> params, Map<String, Object> log) {
        Caller caller = caller(request, log);
        return HttpResponses.json(200, Map.of("tracks",
                wiring.tracks().recent(caller, limit(request)).stream().map(TrackView::of).toList()));
    }

    private APIGatewayV2HTTPResponse getTrack(ApiRequest request, Map<String, String> params, Map<String, Object> log) {
        return HttpResponses.json(200, TrackView.of(wiring.tracks().get(trackId(params, log))));
    }

    private APIGatewayV2HTTPResponse download(Map<String, String> params, TrackFile file, Map<String, Object> log) {
        return HttpResponses.redirect(wiring.tracks().download(trackId(params, log), file).toString());
    }

    private APIGatewayV2HTTPResponse checkoutStatus(ApiRequest request, Map<String, String> params, Map<String, Object> log) {
        log.put("sessionId", params.get("sessionId"));
        return HttpResponses.json(200, wiring.billing().status(params.get("sessionId"), fingerprint(request, log),
                Optional.of(network(request))));
    }

    private APIGatewayV2HTTPResponse requestTrack(ApiRequest request, Map<String, String> params, Map<String, Object> log) {
        var generation = GenerationRequestParser.parse(request.jsonBody());
        Caller caller = caller(request, log);
        TrackService.Accepted accepted = charged(() -> wiring.tracks().request(caller, generation), log);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("track", TrackView.of(accepted.job()));
        answer.put("decision", accepted.decision().verdict().name());
        answer.put("charged", accepted.decision().charged().wireName());
        answer.put("quota", accepted.quota());
        return HttpResponses.json(202, answer, Map.of("location", "/v1/tracks/" + accepted.job().id()));
    }

    private APIGatewayV2HTTPResponse requestKit(ApiRequest request, Map<String, String> params, Map<String, Object> log) {
        var generation = GenerationRequestParser.parseKit(request.jsonBody());
        Caller caller = caller(request, log);
        TrackService.Accepted accepted = charged(() -> wiring.tracks().requestKit(caller, generation), log);
        log.put("units", accepted.charge().units());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("kit", KitView.of(new TrackService.Kit(accepted.job(), List.of())));
        answer.put("decision", accepted.decision().verdict().name());
        answer.put("charged", accepted.decision().charged().wireName());
        answer.put("quota", accepted.quota());
        return HttpResponses.json(202, answer, Map.of("location", "/v1/kits/" + accepted.job().id()));
    }

    /** Runs a charge, logging and counting its decision, whether it was allowed or refused. */
    private TrackService.Accepted charged(Supplier<TrackService.Accepted> charge,
            Map<String, Object> log) {
        TrackService.Accepted accepted;
        try {
            accepted = charge.get();
        } catch (ChargeRefusedException refused) {
            log.putAll(refused.decision().logFields());
            wiring.metrics().generationRequested(refused.decision().verdict().name(), "none");
            throw refused;
        }
        log.putAll(accepted.decision().logFields());
        Invocation.correlate(accepted.job().id());
        wiring.metrics().generationRequested(accepted.decision().verdict().name(),
                accepted.decision().charged().wireName());
        return accepted;
    }

    private APIGatewayV2HTTPResponse checkout(ApiRequest request, Map<String, String> params, Map<String, Object> log) {
        String pack = CheckoutBody.pack(request.jsonBody());
        String fingerprint = fingerprint(request, log);
        String returnBase = wiring.publicBaseUrl().orElseGet(request::origin);
        BillingService.Checkout checkout = wiring.billing().checkout(pack, walletKey(request), fingerprint,
                Optional.of(network(request)), returnBase);
        log.put("pack", checkout.pack().id());
        log.put("sessionId", checkout.sessionId());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("url", checkout.url());
        answer.put("walletKey", checkout.walletKey());
        return HttpResponses.json(200, answer);
    }

    /** The fingerprint, and the wallet when a valid X-Wallet-Key is sent (an invalid one is a 400). */
    private Caller caller(ApiRequest request, Map<String, Object> log) {
        String fingerprint = fingerprint(request, log);
        Optional<String> walletHash = wiring.billing().walletHash(walletKey(request));
        walletHash.ifPresent(hash -> log.put("wallet", true));
        return new Caller(fingerprint, walletHash, Optional.of(network(request)));
    }

    private String network(ApiRequest request) {
        return wiring.fingerprinter().network(request.sourceIp());
    }

    private String fingerprint(ApiRequest request, Map<String, Object> log) {
        String fingerprint = wiring.fingerprinter().fingerprint(request.sourceIp(), request.userAgent());
        log.put("fingerprint", fingerprint);
        return fingerprint;
    }

    private static Optional<String> walletKey(ApiRequest request) {
        return request.header("x-wallet-key").filter(key -> !key.isBlank());
    }

    private static String kitId(Map<String, String> params, Map<String, Object> log) {
        return id(params, log, "kit");
    }

    private static String trackId(Map<String, String> params, Map<String, Object> log) {
        return id(params, log, "track");
    }

    private static String id(Map<String, String> params, Map<String, Object> log, String what) {
        String id = params.get("id");
        if (id == null || !id.matches("[0-9a-fA-F-]{36}")) {
            throw DomainException.notFound("No " + what + " with that id.");
        }
        Invocation.correlate(id.toLowerCase(java.util.Locale.ROOT));
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
            case "mid" -> TrackFile.MID;
            default -> throw DomainException.invalid("format must be wav, mp3 or mid.", "format");
        };
    }
}
