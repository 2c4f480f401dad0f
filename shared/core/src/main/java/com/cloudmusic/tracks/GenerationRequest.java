package com.cloudmusic.tracks;

import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import java.util.Map;
import java.util.Objects;

/**
 * A validated {@code POST /v1/tracks} body (SPEC §3). Fields of {@code params} that were not sent are
 * null; defaults are applied later by {@link SpecResolver}.
 *
 * @param params the params object exactly as sent (after validation), echoed on the track
 */
public record GenerationRequest(
        Mode mode,
        LoopType type,
        Integer bpm,
        Integer intensity,
        Double duration,
        Boolean dark,
        Boolean ambient,
        Boolean energetic,
        String key,
        Long seed,
        String prompt,
        boolean share,
        Map<String, Object> params) {

    public GenerationRequest {
        Objects.requireNonNull(mode, "mode == null");
        params = Map.copyOf(params);
    }
}
