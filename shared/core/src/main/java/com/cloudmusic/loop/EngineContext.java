package com.cloudmusic.loop;

import java.util.Optional;

/**
 * What an engine may know and record about the job it renders for. Remote engines keep their
 * prediction id here so a redelivered job resumes the same prediction instead of paying twice.
 */
public interface EngineContext {

    String jobId();

    /** The remote work id saved by an earlier attempt of this job, if any. */
    Optional<String> savedRemoteId();

    /** Persists the remote work id before waiting on it. */
    void saveRemoteId(String remoteId);

    /**
     * True when no retry will follow a transient failure of this attempt (the queue's last receive, or a
     * one-off render): a remote engine then cancels what it gave up on instead of leaving it to be resumed.
     */
    default boolean lastAttempt() {
        return true;
    }

    /** A context for one-off renders (CLI, benchmarks) where nothing is persisted. */
    static EngineContext detached(String jobId) {
        return new EngineContext() {
            private volatile String remoteId;

            @Override
            public String jobId() {
                return jobId;
            }

            @Override
            public Optional<String> savedRemoteId() {
                return Optional.ofNullable(remoteId);
            }

            @Override
            public void saveRemoteId(String id) {
                remoteId = id;
            }
        };
    }
}
