package com.cloudmusic.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import com.cloudmusic.config.Env;
import com.cloudmusic.log.JsonLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The daily marketing run fired by the EventBridge rule. Skeleton until the publishing issue: it logs
 * the run and reports that nothing was posted.
 */
public final class PublishFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final JsonLog log;

    public PublishFunction() {
        this(Env.system(), JsonLog.stdout());
    }

    public PublishFunction(Env env, JsonLog log) {
        env.required("TABLE_NAME");
        env.required("BUCKET_NAME");
        this.log = log;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("posted", 0);
        summary.put("skipped", 0);
        summary.put("failed", 0);
        summary.put("note", "publishing not implemented yet");
        log.write("publish", summary);
        return summary;
    }
}
