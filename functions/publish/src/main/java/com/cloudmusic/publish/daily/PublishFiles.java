package com.cloudmusic.publish.daily;

import com.cloudmusic.publish.teaser.Teaser;

/** Where the run leaves its files in the bucket: teasers and outbox posts (SPEC §6). */
public interface PublishFiles {

    /** Stores {@code teasers/<id>.mp3} and its cover {@code teasers/<id>.jpg}. */
    void saveTeaser(String trackId, Teaser teaser);

    /** Stores a JSON document under the given key. */
    void saveJson(String key, byte[] json);
}
