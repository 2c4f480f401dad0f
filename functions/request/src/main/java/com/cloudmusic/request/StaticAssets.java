package com.cloudmusic.request;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.errors.DomainException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Serves the web app packaged under {@code web/} in the function jar, with types and caching headers. */
final class StaticAssets {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "webmanifest", "application/manifest+json");

    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    APIGatewayV2HTTPResponse serve(String path) {
        String name = path == null || path.isEmpty() || path.equals("/") ? "index.html" : path.replaceFirst("^/+", "");
        if (!name.matches("[A-Za-z0-9._/-]{1,128}") || name.contains("..") || name.startsWith("/")) {
            throw DomainException.notFound("No such page.");
        }
        byte[] bytes = cache.computeIfAbsent(name, StaticAssets::load)
                .orElseThrow(() -> DomainException.notFound("No such page."));
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        String type = TYPES.getOrDefault(extension, "application/octet-stream");
        boolean text = type.startsWith("text/") || type.contains("json") || type.contains("svg");
        // The page itself is revalidated so a deploy shows at once; its assets are small and cached briefly.
        String caching = extension.equals("html") ? "no-cache" : "public, max-age=300";
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of(
                        "content-type", type,
                        "cache-control", caching,
                        "x-content-type-options", "nosniff",
                        "referrer-policy", "no-referrer",
                        "content-security-policy", "default-src 'self'; img-src 'self' data: blob: http: https:; "
                                + "media-src 'self' blob: http: https:; connect-src 'self' http: https:; "
                                + "style-src 'self'; script-src 'self'; frame-ancestors 'none'"))
                .withBody(text ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes))
                .withIsBase64Encoded(!text)
                .build();
    }

    private static Optional<byte[]> load(String name) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream("web/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
