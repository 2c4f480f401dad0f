package com.cloudmusic.local;

import com.cloudmusic.audio.Loudness;
import com.cloudmusic.audio.Renditions;
import com.cloudmusic.engine.kit.KitRenderer;
import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.KitPart;
import com.cloudmusic.loop.LoopFiles;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.RenderedLoop;
import com.cloudmusic.tracks.GenerationRequest;
import com.cloudmusic.tracks.GenerationRequestParser;
import com.cloudmusic.tracks.LoopMaker;
import com.cloudmusic.tracks.SpecResolver;
import com.cloudmusic.tracks.TrackNames;
import com.cloudmusic.tracks.TrackWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A matched kit straight to a folder, no server: kick, bass, texture and riser composed together and their
 * mix, each as WAV, MP3, MIDI and waveform, plus the kit's ZIP, made by the same render-and-store path as
 * the generate function ({@link LoopMaker#makeKit}); the flags are checked by the API's parser.
 */
@Command(name = "kit", mixinStandardHelpOptions = true,
        description = {"Render a matched kit (kick, bass, texture, riser and their mix) into a folder, no server:",
            "every part's WAV, MP3, MIDI and waveform, and the ZIP of every WAV and MIDI.",
            "Guided: any of --bpm --intensity --duration --key --seed --dark --ambient --energetic.",
            "Advanced: --prompt \"dark techno, 128 BPM\" with --duration --bpm --key --seed."})
final class KitCommand implements Callable<Integer> {

    @Mixin
    LoopRequestOptions options;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write into (default: the current folder).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        LoopSpec kitSpec = SpecResolver.resolveKit(request(), new SecureRandom().nextLong());
        String kitId = UUID.randomUUID().toString();
        Path dir = out != null ? out : Path.of(".");
        mkdirs(dir);
        TrackWriter folder = new TrackWriter() {
            @Override
            public void save(String trackId, LoopFiles files) {
                KitPart part = Arrays.stream(KitPart.values()).filter(p -> p.trackId(kitId).equals(trackId)).findFirst()
                        .orElseThrow();
                write(dir, kitId, part, kitSpec, "wav", files.wav());
                files.mp3Rendition().ifPresent(mp3 -> write(dir, kitId, part, kitSpec, "mp3", mp3));
                files.midiFile().ifPresent(mid -> write(dir, kitId, part, kitSpec, "mid", mid));
                files.waveformPng().ifPresent(png -> write(dir, kitId, part, kitSpec, "png", png));
            }

            @Override
            public void saveKitZip(String id, byte[] zip) {
                writeFile(dir.resolve(TrackNames.kitZipName(id, kitSpec.bpm(), kitSpec.key())), zip);
            }
        };
        LoopMaker.MadeKit made;
        try {
            made = new LoopMaker(new ProceduralEngine(), new KitRenderer(new ProceduralEngine()), Renditions.ENCODER, folder)
                    .makeKit(kitId, kitSpec);
        } catch (EngineException e) {
            spec.commandLine().getErr().println("kit: " + e.getMessage());
            return 1;
        }
        RenderedLoop mix = made.kit().mix();
        stdout.println("wrote " + dir.resolve(TrackNames.kitZipName(kitId, kitSpec.bpm(), kitSpec.key()))
                + " and every part's WAV, MP3, MIDI and waveform in " + dir);
        stdout.printf(Locale.ROOT, "kit: %d BPM, %d bars, key %s, seed %d, %.3f s, mix %.1f LUFS%n", kitSpec.bpm(),
                kitSpec.bars(), kitSpec.key(), kitSpec.seed(), mix.durationSeconds(),
                Loudness.integratedLufs(mix.left(), mix.right(), LoopSpec.SAMPLE_RATE));
        stdout.flush();
        return 0;
    }

    private static void write(Path dir, String kitId, KitPart part, LoopSpec spec, String extension, byte[] bytes) {
        writeFile(dir.resolve(TrackNames.kitFileName(kitId, part, spec.bpm(), spec.key(), extension)), bytes);
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFile(Path path, byte[] bytes) {
        try {
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The flags as the API's {@code POST /v1/kits} body, parsed by the API's parser. */
    private GenerationRequest request() {
        return options.request(Optional.empty(), GenerationRequestParser::parseKit);
    }
}
