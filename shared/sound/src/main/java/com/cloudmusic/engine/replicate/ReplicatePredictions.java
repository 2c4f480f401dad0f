package com.cloudmusic.engine.replicate;

import com.cloudmusic.loop.EngineException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Replicate's predictions API, the parts a music job needs (Retrofit-style: the engine sees this
 * interface, {@link ReplicateClient} runs it on okhttp). Every failure is an {@link EngineException}
 * whose code says what happened; nothing waits past the deadline given.
 */
public interface ReplicatePredictions {

    /**
     * {@code POST /v1/predictions} (a pinned version) or {@code POST /v1/models/{owner}/{name}/predictions}
     * (an official model), holding the answer open up to {@code wait} (sync mode). Never repeated unless
     * nothing can have been created.
     */
    Prediction create(ModelRef model, Map<String, Object> input, Duration wait, Instant deadline) throws EngineException;

    /** {@code GET /v1/predictions/{id}}. */
    Prediction get(String id, Instant deadline) throws EngineException;

    /** {@code POST /v1/predictions/{id}/cancel}, best effort: true when Replicate accepted it. */
    boolean cancel(String id);

    /** One output, an https URL (fetched without our token) or a {@code data:} URI, within the size cap. */
    byte[] download(String output, Instant deadline) throws EngineException;
}
