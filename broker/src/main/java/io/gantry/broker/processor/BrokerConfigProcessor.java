package io.gantry.broker.processor;

import io.gantry.broker.config.RuntimeBrokerConfig;
import io.gantry.broker.config.RuntimeBrokerConfig.RefusedUpdateException;
import io.gantry.broker.config.BrokerConfigParser;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.header.GetBrokerConfigResponseHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.runtime.Clock;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET_BROKER_CONFIG (26): the current settings as {@code key=value} lines, the config's DataVersion JSON
 * in the {@code version} header. UPDATE_BROKER_CONFIG (25): a properties-text body of keys to change, all
 * or nothing. A key that cannot change at run time (or is unknown) is refused with NO_PERMISSION (16), as
 * RocketMQ 5 refuses its black-listed keys; a bad value with SYSTEM_ERROR (1). Either remark names the key.
 */
public final class BrokerConfigProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConfigProcessor.class);

    private final RuntimeBrokerConfig config;
    private final Clock clock;

    public BrokerConfigProcessor(RuntimeBrokerConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CompletableFuture<RemotingCommand> get(RemotingChannel channel, RemotingCommand request) {
        StringBuilder text = new StringBuilder();
        config.current().asProperties().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS)
                .header(new GetBrokerConfigResponseHeader(RemotingJson.encodeToString(config.dataVersion())))
                .body(text.toString().getBytes(StandardCharsets.UTF_8)).build());
    }

    public CompletableFuture<RemotingCommand> update(RemotingChannel channel, RemotingCommand request) {
        byte[] body = request.body();
        if (body == null || body.length == 0) {
            return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS).build());
        }
        if (body.length > BrokerConfigParser.MAX_TEXT_CHARS) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "configuration body of " + body.length
                    + " bytes exceeds " + BrokerConfigParser.MAX_TEXT_CHARS);
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(body, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "configuration body does not parse: " + e.getMessage());
        }
        Map<String, String> changes = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> changes.put(key, properties.getProperty(key)));
        try {
            config.update(changes, clock.wallClockMs());
        } catch (RefusedUpdateException e) {
            return Responses.error(e.fixedKey() ? ResponseCode.NO_PERMISSION : ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        LOG.info("broker configuration updated from {}: {}", channel.remoteAddress(), changes);
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS).build());
    }
}
