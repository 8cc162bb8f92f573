package io.gantry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code gantry version}: prints Gantry's and the JVM's versions. */
@Command(name = "version", description = "Print Gantry's version.", mixinStandardHelpOptions = true)
final class VersionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (String line : new GantryVersion().getVersion()) {
            System.out.println(line);
        }
        return 0;
    }
}
