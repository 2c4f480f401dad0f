package com.cloudmusic.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the JDK's HttpServer alone would drop without a word, the runner answers as API Gateway does,
 * over raw sockets: 431 for too many or too large headers, 414 for a long request line, JSON 404s
 * everywhere; ordinary requests still pass, one after another.
 */
class RequestEdgesIT {

    private static LocalRunner runner;

    @BeforeAll
    static void start() {
        runner = TestRunners.inMemory();
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void twoHundredHeaders_are431_inTheErrorShape() throws IOException {
        String request = "GET /v1/quota HTTP/1.1\r\nHost: localhost\r\n" + "X-Filler: x\r\n".repeat(200) + "\r\n";

        Raw answer = send(request.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.json().at("/error/code").asText()).isEqualTo("request_header_fields_too_large");
        assertThat(answer.json().at("/error/message").asText()).contains("100 header fields");
    }

    @Test
    void aThreeMegabyteHeader_is431_notADroppedConnection() throws IOException {
        String request = "GET /v1/quota HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(3_000_000) + "\r\n\r\n";

        Raw answer = send(request.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.json().at("/error/code").asText()).isEqualTo("request_header_fields_too_large");
    }

    @Test
    void aTwoMegabyteRequestLine_is414_inTheErrorShape() throws IOException {
        String request = "GET /v1/tracks?" + "q".repeat(2_000_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";

        Raw answer = send(request.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(answer.status()).isEqualTo(414);
        assertThat(answer.json().at("/error/code").asText()).isEqualTo("uri_too_long");
    }

    @Test
    void headersJustInsideTheLimits_reachTheFunction() throws IOException {
        String request = "GET /v1/quota HTTP/1.1\r\nHost: localhost\r\nUser-Agent: RequestEdgesIT\r\n"
                + "X-Filler: x\r\n".repeat(97) + "\r\n";

        Raw answer = send(request.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/freeLimit").asInt()).isEqualTo(4);
    }

    @Test
    void unknownPaths_are404InTheErrorShape_underTheApi_localPages_andTheCheckoutSimulator() {
        RunnerClient client = new RunnerClient(runner.url(), "RequestEdgesIT/" + UUID.randomUUID());

        for (String path : new String[] {"/v1/nothing", "/local/nothing", "/local/checkout/cs_local_unknown",
                "/local/checkout/cs_local_unknown/pay/more"}) {
            HttpResponse<String> response = client.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("content-type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(RunnerClient.json(response).at("/error/code").asText()).as(path).isEqualTo("not_found");
        }
    }

    @Test
    void requestsOneAfterAnother_fromOneClient_allPass() {
        RunnerClient client = new RunnerClient(runner.url(), "RequestEdgesIT/" + UUID.randomUUID());

        for (int i = 0; i < 5; i++) {
            assertThat(client.get("/v1/quota").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theFunctionSeesTheClientsOwnAddress_notTheFrontsLoopbackConnection() throws IOException {
        String agent = "RequestEdgesIT/" + UUID.randomUUID();
        String body = "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":124,\"duration\":2}}";
        String post = "POST /v1/tracks HTTP/1.1\r\nHost: localhost\r\nUser-Agent: " + agent
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        String quota = "GET /v1/quota HTTP/1.1\r\nHost: localhost\r\nUser-Agent: " + agent + "\r\n\r\n";

        assertThat(send("127.0.0.2", post.getBytes(StandardCharsets.ISO_8859_1)).status()).isEqualTo(202);
        Raw fromThatAddress = send("127.0.0.2", quota.getBytes(StandardCharsets.ISO_8859_1));
        Raw fromAnother = send("127.0.0.1", quota.getBytes(StandardCharsets.ISO_8859_1));

        // Same User-Agent, other address: another caller, as API Gateway's sourceIp makes it.
        assertThat(fromThatAddress.json().at("/freeRemaining").asInt()).isEqualTo(3);
        assertThat(fromAnother.json().at("/freeRemaining").asInt()).isEqualTo(4);
    }

    private record Raw(int status, String body) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(body);
        }
    }

    /** Writes the bytes (as far as the runner reads them) and reads the whole answer. */
    private static Raw send(byte[] request) throws IOException {
        return send("127.0.0.1", request);
    }

    /** The same from a chosen loopback source address (Linux answers on all of 127.0.0.0/8). */
    private static Raw send(String from, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), runner.url().getPort()));
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException stoppedReading) {
                // The runner answered and stopped reading before the end: the answer is still there to read.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            return new Raw(status, text.substring(text.indexOf("\r\n\r\n") + 4));
        }
    }
}
