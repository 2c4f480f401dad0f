package com.cloudmusic.local;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A short progress display on stderr for work that takes more than a moment: a spinner with the elapsed
 * time when a person is watching a terminal, plain lines otherwise (logs, pipes, tests).
 */
final class Progress implements AutoCloseable {

    private static final String FRAMES = "|/-\\";

    private final PrintWriter err;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private volatile String step;
    private int frame;

    private Progress(PrintWriter err, boolean terminal, String firstStep) {
        this.err = err;
        this.terminal = terminal;
        this.step = firstStep;
        if (terminal) {
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::draw, 0, 100, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
            line(firstStep + "…");
        }
    }

    /** Starts showing progress; a spinner only when stderr is likely a terminal. */
    static Progress start(PrintWriter err, String firstStep) {
        return new Progress(err, System.console() != null && !"dumb".equals(System.getenv("TERM")), firstStep);
    }

    static Progress plain(PrintWriter err, String firstStep) {
        return new Progress(err, false, firstStep);
    }

    void step(String next) {
        if (terminal) {
            step = next;
        } else {
            line(next + "…");
        }
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private synchronized void draw() {
        err.print("\r" + FRAMES.charAt(frame++ % FRAMES.length()) + " " + step + "  " + seconds() + "\u001b[K");
        err.flush();
    }

    private synchronized void line(String text) {
        err.println(text);
        err.flush();
    }

    private String seconds() {
        return String.format(Locale.ROOT, "%.1fs", elapsed().toMillis() / 1000.0);
    }

    /** Ends the display with a final line. */
    void done(String message) {
        stopTicker();
        synchronized (this) {
            if (terminal) {
                err.print("\r\u001b[K");
            }
            line(message + " (" + seconds() + ")");
        }
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopTicker();
        if (terminal) {
            synchronized (this) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }
    }
}
