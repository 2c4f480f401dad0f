package com.cloudmusic.tracks;

import com.cloudmusic.loop.LoopFiles;

/** Where a made loop's files go: the bucket for the functions, a folder for the CLI. */
@FunctionalInterface
public interface TrackWriter {

    /** Stores every file of the track; returns only once all are written. */
    void save(String trackId, LoopFiles files);

    /**
     * Stores a kit's ZIP ({@link TrackFile#ZIP}); returns only once it is written. The default refuses:
     * only writers that take kits (the bucket, the CLI's kit folder) override it.
     */
    default void saveKitZip(String kitId, byte[] zip) {
        throw new UnsupportedOperationException("this writer stores no kits");
    }
}
