package com.cloudmusic.loop;

/** An engine could not render; {@code permanent} says whether retrying the same job is pointless. */
public class EngineException extends Exception {
    private final String code;
    private final boolean permanent;

    public EngineException(String code, String message, boolean permanent) {
        super(message);
        this.code = code;
        this.permanent = permanent;
    }

    public EngineException(String code, String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.permanent = permanent;
    }

    /** Snake-case code recorded on the failed track, e.g. "engine_failed". */
    public String code() {
        return code;
    }

    public boolean permanent() {
        return permanent;
    }
}
