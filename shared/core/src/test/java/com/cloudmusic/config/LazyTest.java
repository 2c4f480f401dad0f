package com.cloudmusic.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {

    @Test
    void get_buildsOnFirstUseOnly_andThenSharesTheSameValue() {
        AtomicInteger builds = new AtomicInteger();
        Lazy<Object> lazy = Lazy.of(() -> {
            builds.incrementAndGet();
            return new Object();
        });
        assertThat(builds).hasValue(0);
        assertThat(lazy.isBuilt()).isFalse();

        Object first = lazy.get();

        assertThat(lazy.get()).isSameAs(first);
        assertThat(builds).hasValue(1);
        assertThat(lazy.isBuilt()).isTrue();
    }
}
