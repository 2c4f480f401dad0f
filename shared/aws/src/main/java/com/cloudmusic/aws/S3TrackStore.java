package com.cloudmusic.aws;

import com.cloudmusic.loop.LoopFiles;
import com.cloudmusic.tracks.TrackFile;
import com.cloudmusic.tracks.TrackStore;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
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

    @Override
    public void save(String trackId, LoopFiles files) {
        put(trackId, TrackFile.WAV, files.wav());
        files.mp3Rendition().ifPresent(mp3 -> put(trackId, TrackFile.MP3, mp3));
        files.waveformPng().ifPresent(png -> put(trackId, TrackFile.PNG, png));
        files.midiFile().ifPresent(mid -> put(trackId, TrackFile.MID, mid));
    }

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
