package com.cloudmusic.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudmusic.config.ConfigException;
import com.cloudmusic.config.Env;
import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.engine.replicate.ModelFamily;
import com.cloudmusic.engine.replicate.ReplicateEngine;
import com.cloudmusic.engine.replicate.ReplicateSettings;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnginesTest {

    private static final LoopSpec SPEC = new LoopSpec(Mode.GUIDED, LoopType.BASS, 120, 1, "Am", 1, 3, false, false,
            false, List.of(), "");

    private static Env env(String... pairs) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return new Env(values);
    }

    @Test
    void fromEnvironment_isProcedural_byDefault() {
        assertThat(Engines.fromEnvironment(env())).isInstanceOf(ProceduralEngine.class);
    }

    @Test
    void fromEnvironment_isReplicate_whenChosenWithAToken() {
        MusicEngine engine = Engines.fromEnvironment(env("MUSIC_ENGINE", "replicate", "REPLICATE_API_TOKEN", "r8_x"));

        assertThat(engine).isInstanceOf(ReplicateEngine.class);
        assertThat(engine.name()).isEqualTo("replicate");
    }

    @Test
    void fromEnvironment_failsEveryJobForGood_whenReplicateHasNoToken() {
        MusicEngine engine = Engines.fromEnvironment(env("MUSIC_ENGINE", "replicate"));

        assertThatThrownBy(() -> engine.render(SPEC, EngineContext.detached("j")))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.code()).isEqualTo("engine_unavailable");
                    assertThat(e.getMessage()).contains("REPLICATE_API_TOKEN");
                });
    }

    @Test
    void fromEnvironment_rendersProcedurally_whenReplicateHasNoTokenButAFallback() throws Exception {
        MusicEngine engine = Engines.fromEnvironment(env("MUSIC_ENGINE", "replicate", "ENGINE_FALLBACK", "procedural"));

        RenderedLoop loop = engine.render(SPEC, EngineContext.detached("j"));

        assertThat(loop.engine()).isEqualTo("procedural");
    }

    @Test
    void fromEnvironment_wrapsReplicateInTheFallback_whenAsked() {
        MusicEngine engine = Engines.fromEnvironment(env("MUSIC_ENGINE", "replicate", "REPLICATE_API_TOKEN", "r8_x",
                "ENGINE_FALLBACK", "procedural"));

        assertThat(engine).isInstanceOfSatisfying(FallbackEngine.class, f -> {
            assertThat(f.primary()).isInstanceOf(ReplicateEngine.class);
            assertThat(f.fallback()).isInstanceOf(ProceduralEngine.class);
        });
    }

    @Test
    void fromEnvironment_namesTheVariable_whenAValueIsWrong() {
        assertThatThrownBy(() -> Engines.fromEnvironment(env("MUSIC_ENGINE", "suno")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MUSIC_ENGINE");
        assertThatThrownBy(() -> Engines.fromEnvironment(env("ENGINE_FALLBACK", "tone")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ENGINE_FALLBACK");
        assertThatThrownBy(() -> Engines.fromEnvironment(env("MUSIC_ENGINE", "replicate", "MUSICGEN_TEMPERATURE", "hot")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MUSICGEN_TEMPERATURE");
        assertThatThrownBy(() -> Engines.fromEnvironment(env("MUSIC_ENGINE", "replicate", "REPLICATE_MODEL", "a/b/c")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("REPLICATE_MODEL");
        assertThatThrownBy(() -> Engines.fromEnvironment(env("MUSIC_ENGINE", "replicate", "REPLICATE_WAIT_SECONDS", "90")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("REPLICATE_WAIT_SECONDS");
    }

    @Test
    void settings_defaultToPinnedMusicGen_onReplicatesPublicApi() {
        ReplicateSettings settings = ReplicateSettings.from(env("REPLICATE_API_TOKEN", "r8_secret"));

        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.replicate.com"));
        assertThat(settings.model().path()).isEqualTo("meta/musicgen");
        assertThat(settings.model().pinned()).isTrue();
        assertThat(settings.family()).isEqualTo(ModelFamily.MUSICGEN);
        assertThat(settings.deadline()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.maxOutputBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(settings.tuning().musicGenModelVersion()).isEqualTo("stereo-melody-large");
        assertThat(settings.toString()).doesNotContain("r8_secret");
    }

    @Test
    void settings_chooseStableAudio_byModelName_andReadEveryTuningVariable() {
        ReplicateSettings settings = ReplicateSettings.from(new Env(Map.ofEntries(
                Map.entry("REPLICATE_MODEL", "stability-ai/stable-audio-2.5"),
                Map.entry("REPLICATE_BASE_URL", "http://localhost:9999/"),
                Map.entry("MUSICGEN_MODEL_VERSION", "large"),
                Map.entry("MUSICGEN_NORMALIZATION_STRATEGY", "rms"),
                Map.entry("MUSICGEN_TEMPERATURE", "0.7"),
                Map.entry("MUSICGEN_TOP_K", "100"),
                Map.entry("MUSICGEN_TOP_P", "0.9"),
                Map.entry("MUSICGEN_CLASSIFIER_FREE_GUIDANCE", "5"),
                Map.entry("STABLE_AUDIO_STEPS", "6"),
                Map.entry("STABLE_AUDIO_CFG_SCALE", "4.5"),
                Map.entry("REPLICATE_DEADLINE_SECONDS", "100"),
                Map.entry("REPLICATE_WAIT_SECONDS", "30"),
                Map.entry("REPLICATE_MAX_OUTPUT_MB", "20"))));

        assertThat(settings.family()).isEqualTo(ModelFamily.STABLE_AUDIO);
        assertThat(settings.model().pinned()).isFalse();
        assertThat(settings.baseUrl()).isEqualTo(URI.create("http://localhost:9999"));
        assertThat(settings.tuning()).isEqualTo(new ReplicateSettings.Tuning("large", "rms", 0.7, 100, 0.9, 5, 6, 4.5));
        assertThat(settings.deadline()).isEqualTo(Duration.ofSeconds(100));
        assertThat(settings.syncWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxOutputBytes()).isEqualTo(20L * 1024 * 1024);
    }

    @Test
    void settings_needAFamily_forAModelTheyCannotRecognise() {
        String version = "a".repeat(64);
        assertThatThrownBy(() -> ReplicateSettings.from(env("REPLICATE_MODEL", version)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("REPLICATE_MODEL_FAMILY");

        ReplicateSettings settings = ReplicateSettings.from(env("REPLICATE_MODEL", version,
                "REPLICATE_MODEL_FAMILY", "stable-audio"));

        assertThat(settings.family()).isEqualTo(ModelFamily.STABLE_AUDIO);
        assertThat(settings.model().version()).isEqualTo(version);
    }
}
