package com.cloudmusic.tracks;

import java.net.URI;
import java.time.Duration;

/** The private bucket holding track files. */
public interface TrackStore extends TrackWriter {

    /** A short-lived URL that downloads the file under the given name. */
    URI downloadUrl(String trackId, TrackFile file, String downloadName, Duration validFor);

    /** Reads a stored file back (publishing, tests). */
    byte[] read(String trackId, TrackFile file);
}
