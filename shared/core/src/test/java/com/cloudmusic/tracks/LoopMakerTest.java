package com.cloudmusic.tracks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.KitEngine;
import com.cloudmusic.loop.KitPart;
import com.cloudmusic.loop.LoopEncoder;
import com.cloudmusic.loop.LoopFiles;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedKit;
import com.cloudmusic.loop.RenderedLoop;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The one render-and-store path, against in-memory engine, encoder and writer. */
class LoopMakerTest {

    private static final LoopSpec SPEC = new LoopSpec(Mode.GUIDED, LoopType.BASS, 124, 2, "F#m", 7, 3, true, false,
            false, List.of(), "dark bass loop");
    private static final String TRACK_ID = "0f8e2c1a-1111-2222-3333-444455556666";

    private final Map<String, LoopFiles> written = new LinkedHashMap<>();
    private final List<String> titles = new ArrayList<>();
    private final LoopEncoder encoder = (loop, title, comment) -> {
        titles.add(title + " | " + comment);
        return new LoopFiles(new byte[] {1}, new byte[] {2}, null);
    };

    private static MusicEngine engine(Double measuredBpm) {
        return new MusicEngine() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public RenderedLoop render(LoopSpec spec, EngineContext context) {
                return new RenderedLoop(new float[8], new float[8], spec.bpm(), measuredBpm, spec.bars(), spec.key(),
                        false, "fake");
            }
        };
    }

    @Test
    void make_titlesTheWavBySpec_andStoresTheFilesUnderTheTrackId() throws EngineException {
        LoopMaker.Made made = new LoopMaker(engine(null), encoder, written::put)
                .make(TRACK_ID, SPEC, EngineContext.detached(TRACK_ID));

        assertThat(titles).containsExactly("CloudMusic bass 124 BPM F#m | dark bass loop");
        assertThat(written).containsOnlyKeys(TRACK_ID);
        assertThat(written.get(TRACK_ID)).isSameAs(made.files());
    }

    @Test
    void made_readyTrack_saysWhichEngineAndFilesTheJobNowHas() throws EngineException {
        LoopMaker.Made made = new LoopMaker(engine(121.5), encoder, written::put)
                .make(TRACK_ID, SPEC, EngineContext.detached(TRACK_ID));

        assertThat(made.readyTrack()).isEqualTo(new JobStore.ReadyTrack("fake", 121.5, 2, true, false));
    }

    @Test
    void make_storesNothing_whenTheEngineFails() {
        MusicEngine failing = new MusicEngine() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public RenderedLoop render(LoopSpec spec, EngineContext context) throws EngineException {
                throw new EngineException("engine_failed", "no", false);
            }
        };

        assertThatThrownBy(() -> new LoopMaker(failing, encoder, written::put)
                .make(TRACK_ID, SPEC, EngineContext.detached(TRACK_ID))).isInstanceOf(EngineException.class);
        assertThat(written).isEmpty();
    }

    @Test
    void fileName_isTheDawFriendlyNameOfTheSpec() {
        assertThat(TrackNames.fileName(SPEC, TRACK_ID, "wav")).isEqualTo("cloudmusic_bass_124bpm_Fsharpm_2bar_0f8e2c1a.wav");
        assertThat(TrackNames.teaserFileName(SPEC, TRACK_ID)).isEqualTo("cloudmusic_bass_124bpm_Fsharpm_teaser_0f8e2c1a.mp3");
    }

    /** A kit engine whose parts are one-frame loops, each with one MIDI byte naming its part. */
    private static final KitEngine KITS = spec -> {
        Map<KitPart, RenderedLoop> parts = new EnumMap<>(KitPart.class);
        for (KitPart part : KitPart.values()) {
            parts.put(part, new RenderedLoop(new float[1], new float[1], spec.bpm(), null, spec.bars(), spec.key(), false,
                    "procedural", new byte[] {(byte) part.ordinal()}));
        }
        return new RenderedKit(parts);
    };

    private final Map<String, byte[]> zips = new LinkedHashMap<>();

    private final TrackWriter kitWriter = new TrackWriter() {
        @Override
        public void save(String trackId, LoopFiles files) {
            written.put(trackId, files);
        }

        @Override
        public void saveKitZip(String kitId, byte[] zip) {
            zips.put(kitId, zip);
        }
    };

    @Test
    void makeKit_storesEveryPartAsATrackOfItsOwn_underIdsDerivedFromTheKit() throws EngineException {
        LoopMaker.MadeKit made = new LoopMaker(engine(null), KITS, encoder, kitWriter).makeKit(TRACK_ID, SPEC);

        assertThat(written.keySet()).containsExactly(KitPart.KICK.trackId(TRACK_ID), KitPart.BASS.trackId(TRACK_ID),
                KitPart.TEXTURE.trackId(TRACK_ID), KitPart.RISER.trackId(TRACK_ID), KitPart.MIX.trackId(TRACK_ID));
        assertThat(titles).first().isEqualTo("CloudMusic kit kick 124 BPM F#m | dark bass loop");
        assertThat(made.readyTrack(KitPart.MIX)).isEqualTo(new JobStore.ReadyTrack("procedural", null, 2, true, false, false));
    }

    @Test
    void makeKit_storesOneZip_withEveryPartsWavAndMidi_namedAsSamplePacksNameThem() throws Exception {
        LoopMaker.MadeKit made = new LoopMaker(engine(null), KITS,
                (loop, title, comment) -> new LoopFiles(new byte[] {1}, null, null, loop.midi()), kitWriter)
                .makeKit(TRACK_ID, SPEC);

        assertThat(zips).containsOnlyKeys(TRACK_ID);
        assertThat(zips.get(TRACK_ID)).isSameAs(made.zip());
        List<String> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(made.zip()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                entries.add(entry.getName());
            }
        }
        assertThat(entries).containsExactly(
                "cloudmusic_0f8e2c1a_kick_124bpm_Fsharpm.wav", "cloudmusic_0f8e2c1a_kick_124bpm_Fsharpm.mid",
                "cloudmusic_0f8e2c1a_bass_124bpm_Fsharpm.wav", "cloudmusic_0f8e2c1a_bass_124bpm_Fsharpm.mid",
                "cloudmusic_0f8e2c1a_texture_124bpm_Fsharpm.wav", "cloudmusic_0f8e2c1a_texture_124bpm_Fsharpm.mid",
                "cloudmusic_0f8e2c1a_riser_124bpm_Fsharpm.wav", "cloudmusic_0f8e2c1a_riser_124bpm_Fsharpm.mid",
                "cloudmusic_0f8e2c1a_mix_124bpm_Fsharpm.wav", "cloudmusic_0f8e2c1a_mix_124bpm_Fsharpm.mid");
    }

    @Test
    void makeKit_isRefusedForGood_byAMakerWithoutAKitEngine() {
        assertThatThrownBy(() -> new LoopMaker(engine(null), encoder, kitWriter).makeKit(TRACK_ID, SPEC))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo("kits_unavailable");
                    assertThat(e.permanent()).isTrue();
                });
        assertThat(written).isEmpty();
    }

    @Test
    void kitPartTrackIds_areStableAndDistinct() {
        assertThat(KitPart.BASS.trackId(TRACK_ID)).isEqualTo(KitPart.BASS.trackId(TRACK_ID))
                .isNotEqualTo(KitPart.KICK.trackId(TRACK_ID)).hasSize(36);
    }
}
