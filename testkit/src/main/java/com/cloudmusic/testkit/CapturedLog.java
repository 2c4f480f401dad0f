package com.cloudmusic.testkit;

import com.cloudmusic.log.JsonLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link JsonLog} whose lines a test can read back. */
public final class CapturedLog {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final JsonLog log = new JsonLog(lines::add);

    public JsonLog log() {
        return log;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
