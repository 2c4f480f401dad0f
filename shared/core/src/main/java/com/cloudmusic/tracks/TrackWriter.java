package com.cloudmusic.tracks;

import com.cloudmusic.loop.LoopFiles;

/** Where a made loop's files go: the bucket for the functions, a folder for the CLI. */
@FunctionalInterface
public interface TrackWriter {

    /** Stores every file of the track; returns only once all are written. */
    void save(String trackId, LoopFiles files);
}
