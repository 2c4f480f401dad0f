package com.cloudmusic.publish.daily;

import java.time.Instant;
import java.util.List;

/** Tracks whose owners opted in to publishing ({@code share: true}), by the time they became ready. */
public interface SharedTracks {

    /** A shared track and when it became ready. */
    record Entry(String trackId, Instant readyAt) {
    }

    /** Tracks that became ready after {@code after} and at or before {@code until}, oldest first. */
    List<Entry> readyBetween(Instant after, Instant until);
}
