package com.cloudmusic.aws;

import com.cloudmusic.loop.LoopFiles;
import com.cloudmusic.tracks.TrackFile;
import com.cloudmusic.tracks.TrackStore;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Track files in the private bucket (SPEC §6), handed out through short-lived presigned URLs. */
public final class S3TrackStore implements TrackStore {
    private final Supplier<S3Client> s3;
    private final Supplier<S3Presigner> presigner;
    private final String bucket;

    public S3TrackStore(S3Client s3, S3Presigner presigner, String bucket) {
        this(constant(s3, "s3 == null"), constant(presigner, "presigner == null"), bucket);
    }

    /**
     * With clients built on first use ({@link com.cloudmusic.config.Lazy}): the request function presigns
     * only on download routes and the generate function never does, so neither pays for what it skips.
     */
    public S3TrackStore(Supplier<S3Client> s3, Supplier<S3Presigner> presigner, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3 == null");
        this.presigner = Objects.requireNonNull(presigner, "presigner == null");
        this.bucket = Objects.requireNonNull(bucket, "bucket == null");
    }

    private static <T> Supplier<T> constant(T value, String message) {
        Objects.requireNonNull(value, message);
        return () -> value;
    }

    /**
     * Stores the files side by side: the MP3, picture and MIDI on upload threads while this thread sends
     * the WAV, so a track is stored in about the time of its largest file instead of four round trips.
     * Returns once every upload ended; the first failure is thrown (the job is not ready before this returns).
     */
    @Override
    public void save(String trackId, LoopFiles files) {
        List<CompletableFuture<Void>> uploads = new ArrayList<>();
        files.mp3Rendition().ifPresent(mp3 -> uploads.add(putAsync(trackId, TrackFile.MP3, mp3)));
        files.waveformPng().ifPresent(png -> uploads.add(putAsync(trackId, TrackFile.PNG, png)));
        files.midiFile().ifPresent(mid -> uploads.add(putAsync(trackId, TrackFile.MID, mid)));
        uploads.add(CompletableFuture.runAsync(() -> put(trackId, TrackFile.WAV, files.wav()), Runnable::run));
        try {
            CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private CompletableFuture<Void> putAsync(String trackId, TrackFile file, byte[] bytes) {
        return CompletableFuture.runAsync(() -> put(trackId, file, bytes), UPLOADS);
    }

    /** At most three uploads beside the caller's; daemon threads, so they never keep a JVM alive. */
    private static final ExecutorService UPLOADS = Executors.newFixedThreadPool(3, work -> {
        Thread thread = new Thread(work, "track-upload");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void saveKitZip(String kitId, byte[] zip) {
        put(kitId, TrackFile.ZIP, zip);
    }

    private void put(String trackId, TrackFile file, byte[] bytes) {
        s3.get().putObject(p -> p.bucket(bucket).key(file.key(trackId)).contentType(file.contentType()),
                RequestBody.fromBytes(bytes));
    }

    @Override
    public URI downloadUrl(String trackId, TrackFile file, String downloadName, Duration validFor) {
        String disposition = (file == TrackFile.PNG ? "inline" : "attachment") + "; filename=\"" + downloadName + "\"";
        return URI.create(presigner.get().presignGetObject(p -> p.signatureDuration(validFor)
                .getObjectRequest(g -> g.bucket(bucket).key(file.key(trackId))
                        .responseContentType(file.contentType())
                        .responseContentDisposition(disposition))).url().toString());
    }

    @Override
    public byte[] read(String trackId, TrackFile file) {
        return s3.get().getObjectAsBytes(g -> g.bucket(bucket).key(file.key(trackId))).asByteArray();
    }
}
