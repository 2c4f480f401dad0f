import com.cloudmusic.engine.replicate.ModelRef;
import com.cloudmusic.engine.replicate.Prediction;
import com.cloudmusic.engine.replicate.ReplicateClient;
import com.cloudmusic.outbound.Sleeper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the Replicate client from a function's shaded jar (okhttp, okio and the Kotlin runtime as
 * packaged) against a local HTTP server, so a jar missing a class it needs fails here, not in Lambda:
 * {@code java -cp functions/generate/target/generate-function.jar .ci/ShadedReplicateCheck.java}
 */
public class ShadedReplicateCheck {

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        AtomicInteger throttled = new AtomicInteger();
        try {
            server.createContext("/", exchange -> {
                String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
                switch (call) {
                    // One 429 first: the retry policy and Retry-After reading run too.
                    case "POST /v1/predictions" -> respond(exchange, throttled.getAndIncrement() == 0 ? 429 : 201,
                            "{\"id\":\"p1\",\"status\":\"starting\",\"output\":null}");
                    case "GET /v1/predictions/p1" -> respond(exchange, 200, "{\"id\":\"p1\",\"status\":\"succeeded\","
                            + "\"output\":[\"" + base + "/files/out.wav\"]}");
                    case "GET /files/out.wav" -> respond(exchange, 200, "RIFF....WAVE");
                    default -> respond(exchange, 404, "{\"detail\":\"Not found.\"}");
                }
            });
            server.start();
            ReplicateClient client = new ReplicateClient(URI.create(base), "r8_check", 1 << 20, Sleeper.system(),
                    Clock.systemUTC());
            Instant deadline = Instant.now().plusSeconds(30);
            ModelRef model = ModelRef.parse("meta/musicgen:671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb");
            Prediction created = client.create(model, Map.of("prompt", "check"), Duration.ofSeconds(1), deadline);
            Prediction done = client.get(created.id(), deadline);
            byte[] audio = client.download(done.outputs().get(0), deadline);
            expect(created.id().equals("p1") && throttled.get() == 2 && done.succeeded()
                    && new String(audio, StandardCharsets.US_ASCII).equals("RIFF....WAVE"), "replicate client");
        } finally {
            server.stop(0);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what + ": not as expected");
        }
        System.out.println("shaded jar: " + what + " ok");
    }
}
