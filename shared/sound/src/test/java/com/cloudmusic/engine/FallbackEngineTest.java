package com.cloudmusic.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FallbackEngineTest {

    private static final LoopSpec SPEC = new LoopSpec(Mode.GUIDED, LoopType.KICK, 120, 1, "C", 1, 3, false, false,
            false, List.of(), "");

    private static MusicEngine failing(boolean permanent) {
        return new MusicEngine() {
            @Override
            public String name() {
                return "replicate";
            }

            @Override
            public RenderedLoop render(LoopSpec spec, EngineContext context) throws EngineException {
                throw new EngineException("engine_failed", "remote failed", permanent);
            }
        };
    }

    private static EngineContext attempt(boolean last) {
        return new EngineContext() {
            @Override
            public String jobId() {
                return "j";
            }

            @Override
            public Optional<String> savedRemoteId() {
                return Optional.empty();
            }

            @Override
            public void saveRemoteId(String remoteId) {
            }

            @Override
            public boolean lastAttempt() {
                return last;
            }
        };
    }

    @Test
    void render_completesWithTheFallback_whenThePrimaryFailsForGood() throws Exception {
        RenderedLoop loop = new FallbackEngine(failing(true), new ProceduralEngine()).render(SPEC, attempt(false));

        assertThat(loop.engine()).isEqualTo("procedural");
    }

    @Test
    void render_passesATransientFailureOn_soTheRetryCanResumeThePrimary() {
        assertThatThrownBy(() -> new FallbackEngine(failing(false), new ProceduralEngine()).render(SPEC, attempt(false)))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.permanent()).isFalse());
    }

    @Test
    void render_completesWithTheFallback_whenATransientFailureHitsTheLastAttempt() throws Exception {
        RenderedLoop loop = new FallbackEngine(failing(false), new ProceduralEngine()).render(SPEC, attempt(true));

        assertThat(loop.engine()).isEqualTo("procedural");
    }
}
