package com.cloudmusic.engine.replicate;

import com.cloudmusic.loop.EngineContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/** Prediction JSON as Replicate documents it, and a context that records what the engine saved. */
final class ReplicateMock {

    static final String TOKEN = "r8_test_token_never_logged";
    static final String MUSICGEN = "meta/musicgen:671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb";

    private ReplicateMock() {
    }

    static MockResponse prediction(int code, String id, String status, String outputJson, String error) {
        String body = "{\"id\":\"" + id + "\",\"model\":\"meta/musicgen\",\"version\":\"671ac645\","
                + "\"status\":\"" + status + "\",\"input\":{},\"logs\":\"\","
                + "\"output\":" + (outputJson == null ? "null" : outputJson) + ","
                + "\"error\":" + (error == null ? "null" : "\"" + error + "\"") + ","
                + "\"created_at\":\"2026-11-24T10:00:00.000Z\","
                + "\"urls\":{\"get\":\"https://api.replicate.com/v1/predictions/" + id + "\","
                + "\"cancel\":\"https://api.replicate.com/v1/predictions/" + id + "/cancel\"}}";
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    static MockResponse created(String id, String status) {
        return prediction(201, id, status, null, null);
    }

    static MockResponse status(String id, String status) {
        return prediction(200, id, status, null, null);
    }

    static MockResponse wav(byte[] bytes) {
        return new MockResponse().setHeader("Content-Type", "audio/wav").setBody(new Buffer().write(bytes));
    }

    static String url(MockWebServer server, String path) {
        return "\"" + server.url(path) + "\"";
    }

    /** Every request the server received so far. */
    static List<RecordedRequest> drain(MockWebServer server) throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request);
        }
        return requests;
    }

    /** A job context as the generate side gives one: saved id, and whether this is the last receive. */
    static final class JobContext implements EngineContext {
        String saved;
        final boolean last;
        final List<String> saves = new ArrayList<>();

        JobContext(String saved, boolean last) {
            this.saved = saved;
            this.last = last;
        }

        @Override
        public String jobId() {
            return "job-1";
        }

        @Override
        public Optional<String> savedRemoteId() {
            return Optional.ofNullable(saved);
        }

        @Override
        public void saveRemoteId(String remoteId) {
            saves.add(remoteId);
            saved = remoteId;
        }

        @Override
        public boolean lastAttempt() {
            return last;
        }
    }
}
