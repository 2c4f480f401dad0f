import com.cloudmusic.outbound.RetryPolicy;
import com.cloudmusic.outbound.Sleeper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the Telegram and Discord channels from the publish function's shaded jar against a local HTTP
 * server, so a jar missing a class they need fails here, not in Lambda:
 * {@code java -cp functions/publish/target/publish-function.jar .ci/ShadedChannelsCheck.java}
 */
public class ShadedChannelsCheck {

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        AtomicInteger throttled = new AtomicInteger();
        try {
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                exchange.getRequestBody().readAllBytes();
                if (path.equals("/bot123:check/sendAudio")) {
                    boolean first = throttled.getAndIncrement() == 0;
                    respond(exchange, first ? 429 : 200, first
                            ? "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 0\",\"parameters\":{\"retry_after\":0}}"
                            : "{\"ok\":true,\"result\":{\"message_id\":7}}");
                } else if (path.equals("/api/webhooks/1/check")) {
                    respond(exchange, 200, "{\"id\":\"99\"}");
                } else {
                    respond(exchange, 404, "{}");
                }
            });
            server.start();
            var post = new com.cloudmusic.publish.daily.Post("0f8e2c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b", "Bass loop 120 BPM F#m",
                    "CloudMusic", "bass", 120, "F#m", null, "https://cloudmusic.example/?track=0f8e2c1a", 14.6,
                    new byte[] {1, 2, 3}, "teaser.mp3", new byte[] {4, 5}, "cover.jpg");
            var http = com.cloudmusic.publish.channel.ChannelHttp.newClient();
            var telegram = new com.cloudmusic.publish.channel.TelegramChannel(http, base, "123:check", "-100",
                    RetryPolicy.CHANNELS, Sleeper.system()).post(post);
            var discord = new com.cloudmusic.publish.channel.DiscordChannel(http, base + "/api/webhooks/1/check",
                    RetryPolicy.CHANNELS, Sleeper.system()).post(post);
            expect(telegram.equals(com.cloudmusic.publish.daily.DeliveryOutcome.posted("7")) && throttled.get() == 2,
                    "telegram channel: " + telegram);
            expect(discord.equals(com.cloudmusic.publish.daily.DeliveryOutcome.posted("99")), "discord channel: " + discord);
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
