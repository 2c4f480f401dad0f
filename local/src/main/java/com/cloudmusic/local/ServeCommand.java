package com.cloudmusic.local;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the whole system: web app and API, queue, generation and the daily publish run,",
            "on embedded DynamoDB Local, ElasticMQ and S3Proxy. Ctrl-C stops it cleanly."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ServeOptions options = new ServeOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return serve(options, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    static int serve(ServeOptions options, PrintWriter out, PrintWriter err) {
        if (options.logFormat == ServeOptions.LogFormat.text) {
            // The functions write JSON lines to standard output, as on Lambda; a person reads one line per event.
            System.setOut(ReadableLogLines.printStream(System.out));
        }
        Progress progress = Progress.start(err, "starting DynamoDB Local, ElasticMQ and S3Proxy");
        LocalRunner runner;
        try {
            runner = LocalRunner.builder()
                    .host(options.host)
                    .allowRemoteSimulator(options.allowRemoteSimulator)
                    .port(options.port)
                    .dataDir(options.dataDir)
                    .publishNow(options.publishNow)
                    .retryDelay(options.retryDelay)
                    .start();
        } catch (RuntimeException e) {
            progress.close();
            err.println("cloudmusic-local: could not start: " + e.getMessage());
            err.flush();
            return 1;
        }
        progress.done("started");
        printBanner(runner.summary(), out);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("stopping: finishing generations in progress…");
            err.flush();
            runner.close();
            err.println("stopped.");
            err.flush();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static void printBanner(LocalRunner.Summary summary, PrintWriter out) {
        out.println();
        out.println("CloudMusic is running at " + summary.url());
        out.println("  engine    " + summary.engine());
        out.println("  payments  " + summary.payments());
        out.println("  channels  " + String.join(", ", summary.channels()));
        out.println("  data      " + summary.dataDir().map(dir -> dir.toAbsolutePath() + " (kept across restarts)")
                .orElse("in memory (gone at exit; --data-dir DIR keeps it)"));
        out.println("  template  " + summary.template() + " (" + summary.routes().size() + " routes)");
        if (summary.resumedJobs() > 0) {
            out.println("  resumed   " + summary.resumedJobs() + " unfinished job(s) from the last run");
        }
        summary.queues().forEach(queue -> out.println("  queue     " + queue));
        summary.schedules().forEach(schedule -> out.println("  schedule  " + schedule + " (UTC)"));
        out.println();
        out.println("Try: curl -s " + summary.url() + "/v1/quota");
        out.println("Ctrl-C stops it.");
        out.flush();
    }
}
