package com.cloudmusic.publish.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one form to a channel's API with the JDK's HTTP client and reads at most 64 KiB of the answer.
 * The JDK client costs the function jar nothing; OkHttp would bring the Kotlin standard library and
 * push publish-function.jar past its 15 MB budget.
 */
public final class ChannelHttp {

    /** Bots' answers are small; anything longer is cut, like an error page. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** One upload of a teaser: generous for a few hundred kilobytes, short enough to leave time to retry. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** What came back: the status, the Retry-After header if any, and the (possibly cut) body. */
    record Answer(int status, Optional<String> retryAfter, String body) {
        boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    private ChannelHttp() {
    }

    /** The client the channels share: HTTP/1.1, 10 s to connect, never following redirects of a POST. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static Answer post(HttpClient http, URI url, FormData form) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                String body = new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), response.headers().firstValue("Retry-After"), body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while posting");
        }
    }

    /** Parses an absolute http(s) URL. */
    static Optional<URI> httpUrl(String text) {
        Objects.requireNonNull(text, "text == null");
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                return Optional.of(uri);
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
