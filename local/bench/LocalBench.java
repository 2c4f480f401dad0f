import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the local runner from the outside, JDK only:
 * 1. start-up: from launching `java -jar local/target/cloudmusic-local.jar --port N` to the first answer of GET /v1/quota;
 * 2. round trip: POST /v1/tracks then GET /v1/tracks/{id} every 5 ms until ready, N times in a row.
 *
 * Run from the repository root after `mvn -B -DskipTests package`:
 *   java local/bench/LocalBench.java [starts=3] [roundTrips=100]
 */
public class LocalBench {

    static final String BODY = "{\"mode\":\"guided\",\"params\":{\"type\":\"bass\",\"bpm\":124,\"intensity\":3,\"duration\":8,\"dark\":true}}";
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern STATUS = Pattern.compile("\"status\":\"(\\w+)\"");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int roundTrips = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int port = 3900 + (int) (ProcessHandle.current().pid() % 90);
        List<Long> startups = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            Process runner = launch(port);
            try {
                startups.add(awaitFirstAnswer(port, runner));
                if (i == starts - 1) {
                    roundTrips(port, roundTrips);
                }
            } finally {
                runner.destroy();
                runner.waitFor();
            }
        }
        System.out.println("start-up to first answered GET /v1/quota (ms): " + startups);
    }

    static Process launch(int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", "local/target/cloudmusic-local.jar", "--port",
                Integer.toString(port)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("FREE_DAILY_LIMIT", "1000"); // a fresh balance no request of the run exhausts
        return builder.start();
    }

    static long awaitFirstAnswer(int port, Process runner) throws Exception {
        long started = System.nanoTime();
        HttpRequest quota = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/quota"))
                .header("User-Agent", "LocalBench").build();
        while (true) {
            if (!runner.isAlive()) {
                throw new IllegalStateException("the runner exited with " + runner.exitValue());
            }
            try {
                if (HTTP.send(quota, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
    }

    static void roundTrips(int port, int count) throws Exception {
        URI base = URI.create("http://localhost:" + port);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/tracks"))
                    .header("User-Agent", "LocalBench").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
            if (posted.statusCode() != 202) {
                throw new IllegalStateException("POST answered " + posted.statusCode() + ": " + posted.body());
            }
            Matcher id = ID.matcher(posted.body());
            id.find();
            HttpRequest poll = HttpRequest.newBuilder(base.resolve("/v1/tracks/" + id.group(1)))
                    .header("User-Agent", "LocalBench").build();
            while (true) {
                Matcher status = STATUS.matcher(HTTP.send(poll, HttpResponse.BodyHandlers.ofString()).body());
                status.find();
                if (status.group(1).equals("ready")) {
                    break;
                }
                if (status.group(1).equals("failed")) {
                    throw new IllegalStateException("job " + id.group(1) + " failed");
                }
                Thread.sleep(5);
            }
            millis.add((System.nanoTime() - started) / 1e6);
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "round trip POST /v1/tracks -> ready, %d sequential (8 s bass loop, procedural): "
                + "median %.0f ms, p99 %.0f ms, min %.0f ms, max %.0f ms, first %.0f ms%n", count,
                percentile(sorted, 50), percentile(sorted, 99), sorted.get(0), sorted.get(sorted.size() - 1), millis.get(0));
    }

    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
