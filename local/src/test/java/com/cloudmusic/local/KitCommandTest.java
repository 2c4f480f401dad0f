package com.cloudmusic.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.audio.WavFile;
import com.cloudmusic.loop.LoopSpec;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sound.midi.MidiSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cloudmusic-local kit}, run in-process as picocli runs it from main. */
class KitCommandTest {

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
    void kit_writesEveryPartAndTheMix_andAZipOfEveryWavAndMidi() throws Exception {
        int exit = run("kit", "--bpm", "124", "--duration", "8", "--key", "F#m", "--seed", "7", "--out", dir.toString());

        assertThat(exit).isZero();
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String part : List.of("kick", "bass", "texture", "riser", "mix")) {
            String wavName = names.stream().filter(n -> n.matches("cloudmusic_[0-9a-f]{8}_" + part + "_124bpm_Fsharpm\\.wav"))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + part + " WAV in " + names));
            assertThat(WavFile.parse(Files.readAllBytes(dir.resolve(wavName))).frames()).isEqualTo(LoopSpec.framesFor(124, 4));
            Path mid = dir.resolve(wavName.replace(".wav", ".mid"));
            assertThat(MidiSystem.getSequence(mid.toFile()).getResolution()).isEqualTo(480);
            assertThat(dir.resolve(wavName.replace(".wav", ".mp3"))).isNotEmptyFile();
        }
        String zipName = names.stream().filter(n -> n.endsWith("_kit_124bpm_Fsharpm.zip")).findFirst().orElseThrow();
        List<String> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(zipName))))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.add(entry.getName());
            }
        }
        assertThat(entries).hasSize(10).allMatch(n -> n.matches("cloudmusic_[0-9a-f]{8}_[a-z]+_124bpm_Fsharpm\\.(wav|mid)"));
        assertThat(out.toString()).contains("124 BPM").contains("4 bars").contains("key F#m").contains("seed 7");
    }

    @Test
    void kit_rejectsAnOutOfRangeTempo_namingTheFlag() {
        int exit = run("kit", "--bpm", "300", "--out", dir.toString());

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--bpm");
    }

    @Test
    void kit_refusesGuidedFlagsWithAPrompt_namingThem_andWritesNothing() throws Exception {
        int exit = run("kit", "--prompt", "dark techno kit, 128 BPM", "--dark", "--intensity", "4", "--out", dir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--intensity, --dark cannot be combined with --prompt");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
