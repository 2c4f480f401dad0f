package com.cloudmusic.publish.channel;

import com.cloudmusic.outbound.OutboundHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** What the channels' okhttp APIs share: the client, the form part of an upload, and reading an answer. */
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

    /** The client the channels share: HTTP/1.1, 10 s to connect, 30 s a post, never following redirects of a POST. */
    public static OkHttpClient newClient() {
        return OutboundHttp.client(REQUEST_TIMEOUT, false);
    }

    static MultipartBody.Builder file(MultipartBody.Builder form, String name, Upload upload) {
        return form.addFormDataPart(name, upload.fileName(),
                RequestBody.create(upload.bytes(), MediaType.get(upload.contentType())));
    }

    static Answer post(OkHttpClient http, String url, MultipartBody form) throws IOException {
        Request request = new Request.Builder().url(url).post(form).build();
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), Optional.ofNullable(response.header("Retry-After")),
                    OutboundHttp.prefix(response.body(), MAX_ANSWER_BYTES));
        }
    }
}
