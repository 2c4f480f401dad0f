package com.cloudmusic.engine.replicate;

import java.util.List;
import java.util.Objects;

/**
 * A prediction as Replicate reports it.
 *
 * @param id      Replicate's id, kept on the job so a retry resumes it
 * @param status  starting | processing | succeeded | failed | canceled | aborted
 * @param outputs the output files (URLs or data URIs); a model may return one string or a list
 * @param error   the model's error text when it failed, else null
 */
public record Prediction(String id, String status, List<String> outputs, String error) {

    public Prediction {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(status, "status == null");
        outputs = List.copyOf(outputs);
    }

    public boolean succeeded() {
        return "succeeded".equals(status);
    }

    public boolean failed() {
        return "failed".equals(status);
    }

    /** Canceled by someone, or aborted by Replicate before it started. */
    public boolean canceled() {
        return "canceled".equals(status) || "aborted".equals(status);
    }

    public boolean terminal() {
        return succeeded() || failed() || canceled();
    }

    /**
     * True once the output can be fetched: on success, or earlier when a sync-mode answer already carries
     * the files while the status still says processing (Replicate documents that for file outputs).
     */
    public boolean outputReady() {
        return succeeded() || !terminal() && !outputs.isEmpty();
    }
}
