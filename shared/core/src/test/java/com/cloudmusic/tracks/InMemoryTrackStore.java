package com.cloudmusic.tracks;

import com.cloudmusic.loop.LoopFiles;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The tracks bucket in memory; download links are fake URLs that name the file and its download name. */
public final class InMemoryTrackStore implements TrackStore {

    private final Map<String, LoopFiles> saved = new HashMap<>();
    private final Map<String, byte[]> kitZips = new HashMap<>();

    @Override
    public synchronized void save(String trackId, LoopFiles files) {
        saved.put(trackId, files);
    }

    @Override
    public synchronized void saveKitZip(String kitId, byte[] zip) {
        kitZips.put(kitId, zip);
    }

    @Override
    public synchronized URI downloadUrl(String trackId, TrackFile file, String downloadName, Duration validFor) {
        return URI.create("https://bucket.invalid/tracks/" + trackId + "." + file.extension() + "?name=" + downloadName
                + "&expires=" + validFor.toSeconds());
    }

    @Override
    public synchronized byte[] read(String trackId, TrackFile file) {
        if (file == TrackFile.ZIP) {
            if (!kitZips.containsKey(trackId)) {
                throw new IllegalStateException("no kit " + trackId);
            }
            return kitZips.get(trackId);
        }
        LoopFiles files = saved.get(trackId);
        if (files == null) {
            throw new IllegalStateException("no track " + trackId);
        }
        return switch (file) {
            case WAV -> files.wav();
            case MP3 -> files.mp3();
            case PNG -> files.png();
            case MID -> files.mid();
            case ZIP -> throw new AssertionError("read above");
        };
    }

    public synchronized boolean has(String trackId) {
        return saved.containsKey(trackId);
    }
}
