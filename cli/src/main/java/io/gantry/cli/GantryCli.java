package io.gantry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code gantry} command. Subcommands are small classes of their own; this
 * class only wires them and maps picocli's outcome to the exit code (2 for bad arguments).
 */
@Command(
        name = "gantry",
        mixinStandardHelpOptions = true,
        versionProvider = GantryVersion.class,
        description = "Gantry: a RocketMQ-compatible message queue you can break on purpose.",
        subcommands = {
            VersionCommand.class,
            SimCommand.class,
            NamesrvCommand.class,
            BrokerCommand.class,
            StandaloneCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class GantryCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting (for tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        return new CommandLine(new GantryCli());
    }

    @Override
    public void run() {
        // No subcommand: show the usage, and treat it as a usage error.
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
