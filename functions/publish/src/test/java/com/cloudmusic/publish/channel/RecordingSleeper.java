package com.cloudmusic.publish.channel;

import com.cloudmusic.outbound.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records the waits a channel asks for instead of waiting. */
final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
    }
}
