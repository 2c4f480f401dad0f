package com.cloudmusic.local;

import com.cloudmusic.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One scheduled run, as the EventBridge rule fires it, on the emulators; prints the run's summary. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Run the scheduled publish function once (track of the day, teasers, posts; without",
            "channel settings it posts to the outbox in the bucket), print its summary and exit."})
final class PipelineCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Run against the data kept by 'serve --data-dir DIR' (default: a fresh in-memory stack).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> results;
        try (Progress progress = Progress.start(err, "starting DynamoDB Local, ElasticMQ and S3Proxy")) {
            try (LocalRunner runner = LocalRunner.builder().port(0).dataDir(dataDir).start()) {
                progress.step("running the scheduled functions (" + runner.summary().schedules().size() + ")");
                results = runner.runSchedulesNow();
                progress.step("stopping");
            }
            progress.done("pipeline finished");
        }
        results.forEach((function, result) -> out.println(function + ": " + Json.write(result)));
        out.flush();
        return 0;
    }
}
