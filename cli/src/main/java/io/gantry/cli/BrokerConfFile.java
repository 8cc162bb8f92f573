package io.gantry.cli;

import io.gantry.broker.config.BrokerConfigParser;
import io.gantry.broker.config.ParsedBrokerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a broker.conf file for the CLI and logs the parser's warnings (unknown keys). */
final class BrokerConfFile {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConfFile.class);

    private BrokerConfFile() {
    }

    /**
     * The parsed file, or the defaults when {@code file} is null.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the key of an invalid value
     */
    static ParsedBrokerConfig read(Path file) throws IOException {
        String text = file == null ? "" : Files.readString(file, StandardCharsets.ISO_8859_1);
        ParsedBrokerConfig parsed = BrokerConfigParser.parse(text);
        parsed.warnings().forEach(warning -> LOG.warn("{}: {}", file, warning));
        return parsed;
    }
}
