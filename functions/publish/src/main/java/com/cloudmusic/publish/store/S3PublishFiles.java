package com.cloudmusic.publish.store;

import com.cloudmusic.publish.daily.PublishFiles;
import com.cloudmusic.publish.teaser.Teaser;
import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Teasers and outbox posts in the private bucket. */
public final class S3PublishFiles implements PublishFiles {

    private final S3Client s3;
    private final String bucket;

    public S3PublishFiles(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3 == null");
        this.bucket = Objects.requireNonNull(bucket, "bucket == null");
    }

    @Override
    public void saveTeaser(String trackId, Teaser teaser) {
        put(Teaser.mp3Key(trackId), "audio/mpeg", teaser.mp3());
        put(Teaser.coverKey(trackId), "image/jpeg", teaser.cover());
    }

    @Override
    public void saveJson(String key, byte[] json) {
        put(key, "application/json; charset=utf-8", json);
    }

    private void put(String key, String contentType, byte[] bytes) {
        s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }
}
