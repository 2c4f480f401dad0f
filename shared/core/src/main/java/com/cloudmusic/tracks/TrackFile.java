package com.cloudmusic.tracks;

/** The files stored per track (SPEC §6) and how they are served. */
public enum TrackFile {
    WAV("wav", "audio/wav"), MP3("mp3", "audio/mpeg"), PNG("png", "image/png"), MID("mid", "audio/midi"),
    /** A kit's download (every part's WAV and MIDI), stored once per kit under kits/. */
    ZIP("zip", "application/zip");

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

    /** The object key: tracks/&lt;id&gt;.&lt;ext&gt;, or kits/&lt;kit id&gt;.zip for a kit's ZIP. */
    public String key(String trackId) {
        return (this == ZIP ? "kits/" : "tracks/") + trackId + "." + extension;
    }
}
