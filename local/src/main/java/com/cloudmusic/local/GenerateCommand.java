package com.cloudmusic.local;

import com.cloudmusic.audio.Renditions;
import com.cloudmusic.config.Config;
import com.cloudmusic.config.ConfigException;
import com.cloudmusic.config.Env;
import com.cloudmusic.engine.Engines;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import com.cloudmusic.tracks.GenerationRequest;
import com.cloudmusic.tracks.GenerationRequestParser;
import com.cloudmusic.tracks.LoopMaker;
import com.cloudmusic.tracks.SpecResolver;
import com.cloudmusic.tracks.TrackNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * One loop straight to a file, no server: the flags become the same JSON body the API takes, checked
 * by the same parser (so a bad value gets the API's message), resolved and rendered as the generate
 * function would.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Render one loop straight to a WAV file (plus an MP3 and a waveform PNG beside it), no server.",
            "Guided: --type with any of --bpm --intensity --duration --key --seed --dark --ambient --energetic.",
            "Advanced: --prompt \"Latin acoustic pop loop, 114 BPM, 14 seconds\" with --duration --bpm --key --seed."})
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--type", paramLabel = "TYPE", description = "kick, bass, texture or riser (guided mode).")
    String type;

    @Mixin
    LoopRequestOptions options;

    @Option(names = "--engine", paramLabel = "NAME",
            description = "Engine to render with (default: MUSIC_ENGINE, else procedural).")
    String engineName;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the WAV (default: a DAW-friendly name in the current folder).")
    Path out;

    @Spec
    CommandSpec spec;

    /** The process environment, read as the functions read theirs (tests hand in their own). */
    private final Map<String, String> environment;

    GenerateCommand() {
        this(System.getenv());
    }

    GenerateCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        GenerationRequest request = request();
        MusicEngine engine = engine();
        LoopSpec loop = SpecResolver.resolve(request, new SecureRandom().nextLong());
        String trackId = UUID.randomUUID().toString();
        Path wav = out != null ? out : Path.of(TrackNames.fileName(loop, trackId, "wav"));
        List<Path> written = new ArrayList<>();
        LoopMaker maker = new LoopMaker(engine, Renditions.ENCODER, (id, files) -> {
            write(wav, files.wav(), written);
            files.mp3Rendition().ifPresent(mp3 -> write(sibling(wav, ".mp3"), mp3, written));
            files.waveformPng().ifPresent(png -> write(sibling(wav, ".png"), png, written));
            files.midiFile().ifPresent(mid -> write(sibling(wav, ".mid"), mid, written));
        });

        RenderedLoop rendered;
        try (Progress progress = Progress.start(stderr, "rendering a " + loop.bars() + "-bar " + loop.type().wireName()
                + " loop with the " + engine.name() + " engine, then its WAV, MP3 and waveform")) {
            try {
                rendered = maker.make(trackId, loop, EngineContext.detached("cli-" + trackId)).loop();
            } catch (EngineException e) {
                progress.close();
                stderr.println("generate: the " + engine.name() + " engine failed (" + e.code() + "): " + e.getMessage());
                stderr.flush();
                return 1;
            }
            progress.done("rendered");
        }

        stdout.println("wrote " + written.get(0) + (written.size() > 1 ? " (and "
                + String.join(", ", written.subList(1, written.size()).stream().map(Path::toString).toList()) + ")" : ""));
        stdout.printf(Locale.ROOT, "%s loop: %s BPM, %d bars, key %s, seed %d, %.3f s, engine %s%n",
                loop.type().wireName(), formatBpm(rendered.bpm()), rendered.bars(), rendered.key(), loop.seed(),
                rendered.durationSeconds(), rendered.engine());
        stdout.flush();
        return 0;
    }

    /** The flags as the API's JSON body, parsed by the API's parser. */
    private GenerationRequest request() {
        return options.request(Optional.ofNullable(type), GenerationRequestParser::parse);
    }

    /** The engine the environment configures, exactly as the functions build theirs; --engine overrides MUSIC_ENGINE. */
    private MusicEngine engine() {
        Map<String, String> env = new HashMap<>(environment);
        if (engineName != null) {
            env.put(Config.MUSIC_ENGINE, engineName);
        }
        try {
            return Engines.fromEnvironment(new Env(env));
        } catch (ConfigException e) {
            if (engineName != null && e.getMessage().contains(Config.MUSIC_ENGINE)) {
                throw new ParameterException(spec.commandLine(), "--engine: " + e.getMessage());
            }
            throw e;
        }
    }

    private static Path sibling(Path wav, String extension) {
        String name = wav.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".wav") ? name.substring(0, name.length() - 4) : name;
        return wav.resolveSibling(stem + extension);
    }

    private static void write(Path file, byte[] bytes, List<Path> written) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes);
            written.add(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String formatBpm(double bpm) {
        return bpm == Math.rint(bpm) ? Long.toString((long) bpm) : String.format(Locale.ROOT, "%.2f", bpm);
    }
}
