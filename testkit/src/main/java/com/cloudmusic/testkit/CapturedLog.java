package com.cloudmusic.testkit;

import com.cloudmusic.log.JsonLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link JsonLog} whose output a test can read back: the log events, and apart from them the
 * Embedded Metric Format documents written on the same stream (read those with {@link EmfDocuments}).
 */
public final class CapturedLog {
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final JsonLog log = new JsonLog(written::add);

    public JsonLog log() {
        return log;
    }

    /** The log events, in order (metric documents left out). */
    public List<String> lines() {
        return written.stream().filter(line -> !EmfDocuments.isEmf(line)).toList();
    }

    /** The metric documents, in order. */
    public List<String> metricLines() {
        return written.stream().filter(EmfDocuments::isEmf).toList();
    }

    /** The metrics CloudWatch would extract from everything written so far. */
    public List<EmfDocuments.Datum> metrics() {
        return EmfDocuments.extract(metricLines());
    }
}
