package com.cloudmusic.tracks;

import java.util.ArrayList;
import java.util.List;

/** The jobs queue in memory: what was sent, in order; can be told to refuse sends. */
public final class InMemoryJobQueue implements JobQueue {

    private final List<String> sent = new ArrayList<>();
    private boolean unavailable;

    @Override
    public synchronized void send(String jobId) {
        if (unavailable) {
            throw new IllegalStateException("queue unavailable");
        }
        sent.add(jobId);
    }

    public synchronized void makeUnavailable() {
        unavailable = true;
    }

    public synchronized List<String> sent() {
        return List.copyOf(sent);
    }
}
