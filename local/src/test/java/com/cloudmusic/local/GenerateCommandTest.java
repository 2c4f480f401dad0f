package com.cloudmusic.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.audio.WavFile;
import com.cloudmusic.loop.LoopSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cloudmusic-local generate}, run in-process as picocli runs it from main. */
class GenerateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void generate_writesAWavOfTheRequestedBars_andSaysWhatItWrote() throws IOException {
        Path wav = dir.resolve("loop.wav");

        int exit = run("generate", "--type", "bass", "--bpm", "124", "--duration", "4", "--key", "F#m", "--seed", "7",
                "--out", wav.toString());

        assertThat(exit).isZero();
        WavFile file = WavFile.parse(Files.readAllBytes(wav));
        assertThat(file.sampleRate()).isEqualTo(44_100);
        assertThat(file.channels()).isEqualTo(2);
        assertThat(file.bitsPerSample()).isEqualTo(16);
        assertThat(file.frames()).isEqualTo(LoopSpec.framesFor(124, 2));
        assertThat(dir.resolve("loop.mp3")).isNotEmptyFile();
        assertThat(dir.resolve("loop.png")).isNotEmptyFile();
        assertThat(out.toString()).contains("wrote " + wav).contains("124 BPM").contains("2 bars").contains("key F#m")
                .contains("seed 7");
        assertThat(err.toString()).contains("rendering");
    }

    @Test
    void generate_withAPrompt_readsTempoAndLengthFromIt() throws IOException {
        Path wav = dir.resolve("prompt.wav");

        int exit = run("generate", "--prompt", "dark techno bass, 128 BPM, 4 seconds", "--out", wav.toString());

        assertThat(exit).isZero();
        assertThat(WavFile.parse(Files.readAllBytes(wav)).frames()).isEqualTo(LoopSpec.framesFor(128, 2));
    }

    @Test
    void generate_rejectsAnOutOfRangeBpm_withTheApiRuleAndExit2() {
        int exit = run("generate", "--type", "bass", "--bpm", "500", "--out", dir.resolve("x.wav").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--bpm must be from 70 to 180").contains("Usage:");
        assertThat(dir.resolve("x.wav")).doesNotExist();
    }

    @Test
    void generate_rejectsAnUnknownType_withExit2() {
        int exit = run("generate", "--type", "flute", "--out", dir.resolve("x.wav").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--type must be one of kick, bass, texture, riser").contains("Usage:");
    }

    @Test
    void generate_rejectsANonNumericBpm_withExit2() {
        int exit = run("generate", "--type", "bass", "--bpm", "fast");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--bpm").contains("Usage:");
    }

    @Test
    void generate_rejectsGuidedFlagsWithAPrompt_withExit2() {
        int exit = run("generate", "--prompt", "warm house chords", "--type", "bass");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--type cannot be combined with --prompt");
    }

    @Test
    void generate_withoutTypeOrPrompt_asksForOne() {
        int exit = run("generate");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--type is required");
    }

    @Test
    void help_listsTheSubcommands() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("serve").contains("generate").contains("pipeline").contains("--data-dir");
    }
}
