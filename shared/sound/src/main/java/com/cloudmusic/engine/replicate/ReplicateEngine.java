package com.cloudmusic.engine.replicate;

import com.cloudmusic.audio.LoopConditioner;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import com.cloudmusic.outbound.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code MUSIC_ENGINE=replicate}: a hosted model (MusicGen or Stable Audio) through Replicate, its output
 * made loop-ready by {@link LoopConditioner}.
 *
 * <p>Resumable, so a job is never paid for twice: the prediction id is saved on the job right after the
 * create answer, before any polling; a redelivered job finds it and polls that prediction instead of
 * creating another. When the deadline passes on an attempt that is not the job's last, the prediction is
 * left running and the attempt fails transiently, so the queue's retry picks the same prediction up; on
 * the last attempt the prediction is canceled (no further billing) and the job fails for good, which
 * gives the user's unit back (or lets {@code ENGINE_FALLBACK} finish it).
 */
public final class ReplicateEngine implements MusicEngine {

    public static final String NAME = "replicate";
    static final Duration FIRST_POLL = Duration.ofSeconds(1);
    static final Duration LONGEST_POLL = Duration.ofSeconds(3);

    private final ReplicatePredictions client;
    private final ReplicateSettings settings;
    private final Sleeper sleeper;
    private final Clock clock;

    public ReplicateEngine(ReplicatePredictions client, ReplicateSettings settings, Sleeper sleeper, Clock clock) {
        this.client = Objects.requireNonNull(client, "client == null");
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RenderedLoop render(LoopSpec spec, EngineContext context) throws EngineException {
        Objects.requireNonNull(spec, "spec == null");
        Instant deadline = clock.instant().plus(settings.deadline());
        Optional<String> saved = context.savedRemoteId();
        String id = saved.orElse(null);
        try {
            Prediction prediction;
            if (saved.isPresent()) {
                prediction = client.get(id, deadline);
            } else {
                prediction = client.create(settings.model(), settings.family().input(spec, settings.tuning()),
                        settings.syncWait(), deadline);
                id = prediction.id();
                context.saveRemoteId(id);
            }
            prediction = awaitOutput(prediction, deadline, context);
            byte[] audio = client.download(prediction.outputs().get(0), deadline);
            return LoopConditioner.condition(audio, spec, NAME).loop();
        } catch (EngineException e) {
            if (id != null && (e.permanent() || context.lastAttempt()) && stillRunningAfter(e)) {
                client.cancel(id); // giving up for good: stop the meter
            }
            throw e;
        }
    }

    /** Failures that leave the prediction running (the model's own end, or bad output, do not). */
    private static boolean stillRunningAfter(EngineException e) {
        return switch (e.code()) {
            case "engine_failed", "engine_canceled", "output_unreadable", "output_too_short", "output_too_large",
                    "output_expired", "engine_no_output" -> false;
            default -> true;
        };
    }

    private Prediction awaitOutput(Prediction prediction, Instant deadline, EngineContext context)
            throws EngineException {
        Duration poll = FIRST_POLL;
        while (!prediction.outputReady()) {
            if (prediction.failed()) {
                throw new EngineException("engine_failed", "The music model failed"
                        + (prediction.error() == null ? "." : ": " + prediction.error()), true);
            }
            if (prediction.canceled()) {
                throw new EngineException("engine_canceled", "The prediction was canceled before it finished.", true);
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw timedOut(prediction, context);
            }
            pause(poll.compareTo(left) < 0 ? poll : left);
            poll = poll.multipliedBy(3).dividedBy(2);
            poll = poll.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : poll;
            prediction = client.get(prediction.id(), deadline);
        }
        if (prediction.outputs().isEmpty()) {
            throw new EngineException("engine_no_output", "The music model finished without returning audio.", true);
        }
        return prediction;
    }

    private EngineException timedOut(Prediction prediction, EngineContext context) {
        long seconds = settings.deadline().toSeconds();
        if (context.lastAttempt()) {
            return new EngineException("engine_timeout",
                    "The music model did not finish within " + seconds + " s on the last attempt.", true);
        }
        // Not canceled: the retry resumes this prediction (its id is on the job) instead of paying again.
        return new EngineException("engine_timeout",
                "The music model is still running after " + seconds + " s (prediction " + prediction.id()
                        + "); the job will resume it.", false);
    }

    private void pause(Duration wait) throws EngineException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("engine_interrupted", "Waiting for the model was interrupted.", false, e);
        }
    }
}
