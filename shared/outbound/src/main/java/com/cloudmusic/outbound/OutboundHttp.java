package com.cloudmusic.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;

/** The okhttp client every outbound API runs on, and bounded reading of what comes back. */
public final class OutboundHttp {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private OutboundHttp() {
    }

    /**
     * HTTP/1.1 only (a broken connection breaks one request, not a multiplexed batch), 10 s to connect,
     * {@code callTimeout} for a whole request, and okhttp's own silent retry switched off: the
     * {@link Retrier} decides what is sent again, so a create is never repeated behind our back.
     */
    public static OkHttpClient client(Duration callTimeout, boolean followRedirects) {
        return new OkHttpClient.Builder()
                .protocols(java.util.List.of(okhttp3.Protocol.HTTP_1_1))
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(callTimeout)
                .writeTimeout(callTimeout)
                .callTimeout(callTimeout.plus(CONNECT_TIMEOUT))
                .retryOnConnectionFailure(false)
                .followRedirects(followRedirects)
                .followSslRedirects(followRedirects)
                .build();
    }

    /** The same client with another timeout for the whole call (sync-mode creates hold the answer open). */
    public static OkHttpClient withCallTimeout(OkHttpClient client, Duration callTimeout) {
        return client.newBuilder().readTimeout(callTimeout).callTimeout(callTimeout.plus(CONNECT_TIMEOUT)).build();
    }

    /** The body, refusing more than {@code maxBytes} (by its declared length first, then as it streams). */
    public static byte[] readAtMost(ResponseBody body, long maxBytes) throws IOException {
        if (body.contentLength() > maxBytes) {
            throw new TooLarge(maxBytes);
        }
        try (InputStream in = body.byteStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        }
    }

    /** The first {@code maxBytes} of a body as UTF-8 (error answers are small: never read more), or "". */
    public static String prefix(ResponseBody body, int maxBytes) {
        if (body == null) {
            return "";
        }
        try (InputStream in = body.byteStream()) {
            return new String(in.readNBytes(maxBytes), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** A body was longer than the caller accepts. */
    public static final class TooLarge extends IOException {
        private final long maxBytes;

        TooLarge(long maxBytes) {
            super("answer larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }
}
