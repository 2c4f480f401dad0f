package com.cloudmusic.publish.teaser;

import java.util.Objects;

/**
 * What is posted for one track: the tagged MP3 of its first bars, faded out, and a JPEG cover small
 * enough for a Telegram thumbnail.
 *
 * @param mp3             MP3 with an ID3v2.3 tag
 * @param cover           JPEG, at most {@link TeaserMaker#COVER_SIZE} pixels a side and {@link TeaserMaker#MAX_COVER_BYTES}
 * @param durationSeconds length of the audio before encoding
 * @param title           the audio title (TIT2)
 */
public record Teaser(byte[] mp3, byte[] cover, double durationSeconds, String title, String mp3FileName,
                     String coverFileName) {

    public Teaser {
        Objects.requireNonNull(mp3, "mp3 == null");
        Objects.requireNonNull(cover, "cover == null");
        Objects.requireNonNull(title, "title == null");
        Objects.requireNonNull(mp3FileName, "mp3FileName == null");
        Objects.requireNonNull(coverFileName, "coverFileName == null");
    }

    /** Where a track's teaser is kept in the bucket (SPEC §6). */
    public static String mp3Key(String trackId) {
        return "teasers/" + trackId + ".mp3";
    }

    /** Where a track's teaser cover is kept in the bucket. */
    public static String coverKey(String trackId) {
        return "teasers/" + trackId + ".jpg";
    }
}
