package com.cloudmusic.tracks;

import com.cloudmusic.loop.LoopFiles;
import java.net.URI;
import java.time.Duration;

/** The private bucket holding track files. */
public interface TrackStore {

    /** Stores every file of the track; returns only once all are written. */
    void save(String trackId, LoopFiles files);

    /** A short-lived URL that downloads the file under the given name. */
    URI downloadUrl(String trackId, TrackFile file, String downloadName, Duration validFor);

    /** Reads a stored file back (publishing, tests). */
    byte[] read(String trackId, TrackFile file);
}
