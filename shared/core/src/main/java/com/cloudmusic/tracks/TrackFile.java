package com.cloudmusic.tracks;

/** The files stored per track (SPEC §6) and how they are served. */
public enum TrackFile {
    WAV("wav", "audio/wav"), MP3("mp3", "audio/mpeg"), PNG("png", "image/png"), MID("mid", "audio/midi");

    private final String extension;
    private final String contentType;

    TrackFile(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The object key: tracks/&lt;id&gt;.&lt;ext&gt;. */
    public String key(String trackId) {
        return "tracks/" + trackId + "." + extension;
    }
}
