package com.cloudmusic.engine.replicate;

import com.cloudmusic.config.HttpUrl;
import com.cloudmusic.loop.EngineException;
import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** The model's output files: which references we fetch, and {@code data:} URIs decoded in place. */
final class ModelOutputs {

    private ModelOutputs() {
    }

    /**
     * The URL to download, or nothing for a {@code data:} URI. Only https, or plain http from a local
     * stand-in (tests, a local peer) that itself speaks plain http.
     */
    static Optional<URI> downloadUrl(String output, URI apiBase) throws EngineException {
        if (output.startsWith("data:")) {
            return Optional.empty();
        }
        URI url = HttpUrl.parse(output).filter(u -> HttpUrl.secureOrSameLocalPeer(u, apiBase)).orElse(null);
        if (url == null) {
            throw new EngineException("output_unreadable", "The model's output is not an https URL or a data URI.", true);
        }
        return Optional.of(url);
    }

    static byte[] decodeDataUri(String uri, long maxBytes) throws EngineException {
        int comma = uri.indexOf(',');
        if (comma < 0) {
            throw new EngineException("output_unreadable", "The model's output is a malformed data URI.", true);
        }
        String header = uri.substring(5, comma).toLowerCase(Locale.ROOT);
        String payload = uri.substring(comma + 1);
        if (!header.endsWith(";base64")) {
            throw new EngineException("output_unreadable", "The model's output is a data URI that is not base64.", true);
        }
        if (payload.length() / 4L * 3 > maxBytes + 3) {
            throw tooLarge(maxBytes);
        }
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(payload);
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new EngineException("output_unreadable", "The model's output is a data URI with bad base64.", true, e);
        }
    }

    static EngineException tooLarge(long maxBytes) {
        return new EngineException("output_too_large",
                "The model's output is larger than " + (maxBytes / (1024 * 1024)) + " MB and was refused.", true);
    }
}
