package io.gantry.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/**
 * Switches logging to a role's own logback file ({@code logback-<role>.xml} on the class path),
 * unless the user chose a file with {@code -Dlogback.configurationFile}. Each long-running role
 * (namesrv, broker) logs what an operator needs; the short commands keep the quiet default.
 */
final class RoleLogging {

    private RoleLogging() {
    }

    static void use(String role) {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        URL config = RoleLogging.class.getResource("/logback-" + role + ".xml");
        if (config == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            System.err.println("gantry: cannot read " + config + ": " + e.getMessage());
        }
    }
}
