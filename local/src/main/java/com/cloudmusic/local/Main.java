package com.cloudmusic.local;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code java -jar cloudmusic-local.jar [serve|generate|kit|pipeline] ...}; without a subcommand it serves. */
@Command(name = "cloudmusic-local", mixinStandardHelpOptions = true, version = "cloudmusic-local 0.1.0",
        description = {"CloudMusic on one machine: the deployed Lambda handlers behind a local API Gateway, SQS",
            "and EventBridge, on embedded AWS emulators. Without a subcommand it runs 'serve'."},
        subcommands = {ServeCommand.class, GenerateCommand.class, KitCommand.class, PipelineCommand.class})
public final class Main implements Callable<Integer> {

    @Mixin
    ServeOptions serve = new ServeOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ServeCommand.serve(serve, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** sqlite4java (inside DynamoDB Local) logs through java.util.logging; its notices are noise here. */
    private static final java.util.logging.Logger SQLITE_LOG = java.util.logging.Logger.getLogger("com.almworks.sqlite4java");

    static void quietEmulatorLogs() {
        // Held in a static field: java.util.logging forgets the level of a logger nobody references.
        SQLITE_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    /** The command line, for main and for tests that run a command in-process. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** The command line reading the given environment (what the functions would read) instead of the process's. */
    static CommandLine commandLine(Map<String, String> environment) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == GenerateCommand.class ? type.cast(new GenerateCommand(environment))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine commandLine = new CommandLine(new Main(), factory);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // A failure we could explain: one line, no stack trace.
            cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
            cmd.getErr().flush();
            return 1;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        quietEmulatorLogs();
        // serve returns only once Ctrl-C's shutdown hook has stopped everything; exit is then a formality.
        System.exit(commandLine().execute(args));
    }
}
