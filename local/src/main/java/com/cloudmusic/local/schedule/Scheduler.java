package com.cloudmusic.local.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Fires a target at each time a schedule expression names, like an EventBridge rule, on one thread. */
public final class Scheduler implements AutoCloseable {

    private final ScheduleExpression expression;
    private final Consumer<Instant> target;
    private final Clock clock;
    private final Consumer<String> problems;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private final Instant start;
    private volatile Instant next;

    /** @param target receives the scheduled time of each firing */
    public Scheduler(ScheduleExpression expression, Consumer<Instant> target, Clock clock, Consumer<String> problems) {
        this.expression = Objects.requireNonNull(expression, "expression == null");
        this.target = Objects.requireNonNull(target, "target == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.problems = Objects.requireNonNull(problems, "problems == null");
        this.start = clock.instant();
    }

    /** @param fireNow fire once at once, then follow the schedule */
    public Scheduler start(boolean fireNow) {
        if (fireNow) {
            timer.execute(() -> fire(clock.instant()));
        }
        scheduleAfter(start);
        return this;
    }

    private void scheduleAfter(Instant after) {
        Instant upcoming = expression.nextAfter(after, start);
        next = upcoming;
        if (upcoming == null || timer.isShutdown()) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), upcoming).toMillis());
        timer.schedule(() -> {
            fire(upcoming);
            scheduleAfter(upcoming);
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void fire(Instant time) {
        try {
            target.accept(time);
        } catch (RuntimeException e) {
            // EventBridge would retry an asynchronous invocation; locally the next firing will do.
            problems.accept("scheduled run at " + time + " failed: " + e);
        }
    }

    public Optional<Instant> next() {
        return Optional.ofNullable(next);
    }

    public ScheduleExpression expression() {
        return expression;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
