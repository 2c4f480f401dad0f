package com.cloudmusic.tracks;

import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.KitEngine;
import com.cloudmusic.loop.KitPart;
import com.cloudmusic.loop.LoopEncoder;
import com.cloudmusic.loop.LoopFiles;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedKit;
import com.cloudmusic.loop.RenderedLoop;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one path that renders a loop and stores its files (WAV titled by {@link TrackNames}, MP3,
 * waveform, MIDI when the engine knows the notes): used by the generate function, the daily publish run and
 * the CLI, so the three make the same files from the same spec. A kit goes the same way: each of its parts
 * is encoded and stored as a track of its own, then the kit's ZIP is made once and stored.
 */
public final class LoopMaker {

    private final MusicEngine engine;
    private final KitEngine kits;
    private final LoopEncoder encoder;
    private final TrackWriter writer;

    /** A maker of single loops only: {@link #makeKit} refuses. */
    public LoopMaker(MusicEngine engine, LoopEncoder encoder, TrackWriter writer) {
        this(engine, null, encoder, writer);
    }

    /**
     * @param kits renders kits; null when this maker makes single loops only
     */
    public LoopMaker(MusicEngine engine, KitEngine kits, LoopEncoder encoder, TrackWriter writer) {
        this.engine = Objects.requireNonNull(engine, "engine == null");
        this.kits = kits;
        this.encoder = Objects.requireNonNull(encoder, "encoder == null");
        this.writer = Objects.requireNonNull(writer, "writer == null");
    }

    /** What was made and stored. */
    public record Made(RenderedLoop loop, LoopFiles files) {

        public Made {
            Objects.requireNonNull(loop, "loop == null");
            Objects.requireNonNull(files, "files == null");
        }

        /** What the job records once the files are stored. */
        public JobStore.ReadyTrack readyTrack() {
            return new JobStore.ReadyTrack(loop.engine(), loop.measuredBpm(), loop.bars(), files.mp3() != null,
                    files.png() != null, files.mid() != null);
        }
    }

    /** Renders the spec, encodes it and stores the files; returns only once they are written. */
    public Made make(String trackId, LoopSpec spec, EngineContext context) throws EngineException {
        RenderedLoop loop = engine.render(spec, context);
        LoopFiles files = encoder.encode(loop, TrackNames.title(spec), spec.prompt());
        writer.save(trackId, files);
        return new Made(loop, files);
    }

    /**
     * What a kit made and stored: every part's loop and files (each stored under {@link KitPart#trackId})
     * and the ZIP (stored as {@link TrackFile#ZIP} under the kit's id).
     */
    public record MadeKit(RenderedKit kit, Map<KitPart, LoopFiles> files, byte[] zip) {

        public MadeKit {
            Objects.requireNonNull(kit, "kit == null");
            files = Collections.unmodifiableMap(new EnumMap<>(files));
            Objects.requireNonNull(zip, "zip == null");
        }

        /** What the part's track records once the files are stored. */
        public JobStore.ReadyTrack readyTrack(KitPart part) {
            return new Made(kit.part(part), files.get(part)).readyTrack();
        }
    }

    /**
     * Renders the kit, encodes and stores each part as a track ({@link KitPart#trackId} of {@code kitId}),
     * then makes and stores the kit's ZIP; returns only once everything is written.
     *
     * @param spec the kit's spec; its loop type is ignored
     * @throws EngineException when this maker has no kit engine (permanent) or the kit cannot be rendered
     */
    public MadeKit makeKit(String kitId, LoopSpec spec) throws EngineException {
        if (kits == null) {
            throw new EngineException("kits_unavailable", "This service cannot make kits.", true);
        }
        RenderedKit kit = kits.render(spec);
        Map<KitPart, LoopFiles> files = new EnumMap<>(KitPart.class);
        Map<KitPart, KitZip.PartFiles> zipped = new LinkedHashMap<>();
        for (KitPart part : KitPart.values()) {
            LoopFiles made = encoder.encode(kit.part(part), TrackNames.kitTitle(spec, part), spec.prompt());
            writer.save(part.trackId(kitId), made);
            files.put(part, made);
            zipped.put(part, new KitZip.PartFiles(made.wav(), made.mid()));
        }
        byte[] zip = KitZip.write(kitId, spec.bpm(), spec.key(), zipped);
        writer.saveKitZip(kitId, zip);
        return new MadeKit(kit, files, zip);
    }

    /** Name of the engine asked to render. */
    public String engineName() {
        return engine.name();
    }
}
