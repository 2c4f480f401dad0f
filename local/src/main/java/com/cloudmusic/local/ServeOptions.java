package com.cloudmusic.local;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of {@code serve}, which are also the top-level command's (serve is the default). */
final class ServeOptions {

    @Option(names = "--port", defaultValue = "3000", paramLabel = "N",
            description = "Port of the web app and API (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "localhost", paramLabel = "HOST",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
    String host;

    @Option(names = "--allow-remote-simulator",
            description = "Serve the local payment simulator on a non-loopback --host too (anyone who reaches it "
                    + "gets credits for free); without it the simulator runs on a loopback bind only.")
    boolean allowRemoteSimulator;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep quotas, credits, jobs and tracks here across restarts (default: in memory).")
    Path dataDir;

    @Option(names = "--publish-now", description = "Fire the scheduled publish run once at start.")
    boolean publishNow;

    @Option(names = "--retry-delay", defaultValue = "5s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a failed job waits before its next try, e.g. 0, 500ms, 5s (default: ${DEFAULT-VALUE}).")
    Duration retryDelay;

    @Option(names = "--log-format", defaultValue = "text", paramLabel = "FORMAT",
            description = "How the functions' log lines and metrics are printed: text (one readable line each) or json "
                    + "(as Lambda writes them to CloudWatch) (default: ${DEFAULT-VALUE}).")
    LogFormat logFormat;

    /** The two ways to print what the functions write. */
    enum LogFormat { text, json }
}
