package com.cloudmusic.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.audio.WavFile;
import com.cloudmusic.audio.WavWriter;
import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.QueueDispatcher;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code MUSIC_ENGINE=replicate cloudmusic-local generate ...}: the CLI builds its engine from the
 * environment as the functions do, so the Replicate engine (here MockWebServer scripted as Replicate
 * documents its API) renders the loop.
 */
class GenerateCommandReplicateTest {

    private static final String TOKEN = "r8_cli_test_token";
    /** The "model" output: 3 bars of a kick loop at 120 BPM, longer than the 2 bars asked. */
    private static final byte[] MODEL_WAV = modelWav();

    @TempDir
    Path dir;

    private MockWebServer replicate;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static byte[] modelWav() {
        LoopSpec spec = new LoopSpec(Mode.GUIDED, LoopType.KICK, 120, 3, "Am", 3, 4, false, false, false,
                List.of(), "");
        RenderedLoop loop = new ProceduralEngine().render(spec, EngineContext.detached("fixture"));
        return WavWriter.write(loop, new WavWriter.Info("model output", null));
    }

    @BeforeEach
    void start() throws IOException {
        replicate = new MockWebServer();
        ((QueueDispatcher) replicate.getDispatcher()).setFailFast(true);
        replicate.start();
    }

    @AfterEach
    void stop() throws IOException {
        replicate.shutdown();
    }

    private int run(Map<String, String> environment, String... args) {
        CommandLine commandLine = Main.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Map<String, String> replicateEnvironment() {
        return Map.of("MUSIC_ENGINE", "replicate", "REPLICATE_API_TOKEN", TOKEN,
                "REPLICATE_BASE_URL", replicate.url("/").toString().replaceAll("/$", ""));
    }

    @Test
    void generate_withMusicEngineReplicate_rendersThroughTheReplicateApi() throws Exception {
        replicate.enqueue(new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
                .setBody("{\"id\":\"cli-1\",\"status\":\"succeeded\",\"output\":\"" + replicate.url("/files/cli-1.wav")
                        + "\",\"error\":null}"));
        replicate.enqueue(new MockResponse().setHeader("Content-Type", "audio/wav").setBody(new Buffer().write(MODEL_WAV)));
        Path wav = dir.resolve("ai.wav");

        int exit = run(replicateEnvironment(), "generate", "--type", "kick", "--bpm", "120", "--duration", "4",
                "--key", "Am", "--out", wav.toString());

        assertThat(exit).as(err.toString()).isZero();
        RecordedRequest create = replicate.takeRequest(1, TimeUnit.SECONDS);
        assertThat(create.getMethod() + " " + create.getPath()).isEqualTo("POST /v1/predictions");
        assertThat(create.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(create.getBody().readUtf8()).contains("\"prompt\"").contains("120 BPM");
        assertThat(replicate.takeRequest(1, TimeUnit.SECONDS).getPath()).isEqualTo("/files/cli-1.wav");
        WavFile file = WavFile.parse(Files.readAllBytes(wav));
        assertThat(file.sampleRate()).isEqualTo(44_100);
        assertThat(file.channels()).isEqualTo(2);
        assertThat(file.frames()).isEqualTo(LoopSpec.framesFor(120, 2));
        assertThat(dir.resolve("ai.mp3")).isNotEmptyFile();
        assertThat(out.toString()).contains("engine replicate").doesNotContain(TOKEN);
    }

    @Test
    void generate_withMusicEngineReplicateAndNoToken_failsWithTheEnginesCode_andWritesNothing() {
        Path wav = dir.resolve("none.wav");

        int exit = run(Map.of("MUSIC_ENGINE", "replicate"), "generate", "--type", "kick", "--out", wav.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("replicate engine failed");
        assertThat(wav).doesNotExist();
        assertThat(replicate.getRequestCount()).isZero();
    }

    @Test
    void generate_withAnUnknownEngineFlag_exits2NamingTheFlag() {
        int exit = run(Map.of(), "generate", "--type", "kick", "--engine", "suno");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--engine: MUSIC_ENGINE must be one of");
    }
}
