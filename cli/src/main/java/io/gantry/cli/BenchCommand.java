package io.gantry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gantry bench}: micro-benchmarks of Gantry's parts on this machine. Only groups subcommands. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure Gantry's parts on this machine's real disk and clock.",
        subcommands = {BenchStoreCommand.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: try 'gantry bench store'");
    }
}
