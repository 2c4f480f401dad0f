package com.cloudmusic.access;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Fixed-window counters in memory, counting as {@code DynamoThrottle} does. */
public final class InMemoryThrottle implements Throttle {

    private final Map<String, Integer> uses = new HashMap<>();

    @Override
    public synchronized void acquire(String action, String caller, Limit limit, Instant now) {
        long window = limit.window().getSeconds();
        long start = now.getEpochSecond() / window * window;
        String key = action + "#" + caller + "#" + start;
        int used = uses.getOrDefault(key, 0);
        if (used >= limit.count()) {
            throw new TooManyRequestsException(action, start + window - now.getEpochSecond());
        }
        uses.put(key, used + 1);
    }
}
