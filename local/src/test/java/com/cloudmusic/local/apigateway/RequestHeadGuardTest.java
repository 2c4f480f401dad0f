package com.cloudmusic.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the runner's front reads one request head: limits, and what it hands the server. */
class RequestHeadGuardTest {

    private static String forwarded(String head) throws IOException {
        byte[] bytes = RequestHeadGuard.readHead(new ByteArrayInputStream(head.getBytes(StandardCharsets.ISO_8859_1)));
        return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void readHead_keepsTheRequest_butAsksTheServerToCloseAfterIt() throws IOException {
        String head = forwarded("\r\nPOST /v1/tracks?x=1 HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n"
                + "Keep-Alive: timeout=5\r\nContent-Length: 2\r\n\r\n{}");

        assertThat(head).isEqualTo("POST /v1/tracks?x=1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n");
    }

    @Test
    void readHead_atTheEndOfTheStream_isNoRequest() throws IOException {
        assertThat(forwarded("")).isNull();
    }

    @Test
    void readHead_refusesALongRequestLine_with414_andTooManyOrTooLargeHeaders_with431() {
        String longLine = "GET /" + "a".repeat(RequestHeadGuard.MAX_REQUEST_LINE_BYTES) + " HTTP/1.1\r\n\r\n";
        String manyHeaders = "GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(RequestHeadGuard.MAX_HEADERS + 1) + "\r\n";
        String largeHeader = "GET / HTTP/1.1\r\nX: " + "y".repeat(RequestHeadGuard.MAX_HEAD_BYTES) + "\r\n\r\n";

        assertThatThrownBy(() -> forwarded(longLine)).isInstanceOfSatisfying(RequestHeadGuard.Refused.class,
                refused -> assertThat(refused.status).isEqualTo(414));
        assertThatThrownBy(() -> forwarded(manyHeaders)).isInstanceOfSatisfying(RequestHeadGuard.Refused.class,
                refused -> assertThat(refused.status).isEqualTo(431));
        assertThatThrownBy(() -> forwarded(largeHeader)).isInstanceOfSatisfying(RequestHeadGuard.Refused.class,
                refused -> assertThat(refused.status).isEqualTo(431));
    }
}
