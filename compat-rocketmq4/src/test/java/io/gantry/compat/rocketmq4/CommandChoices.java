package io.gantry.compat.rocketmq4;

import io.gantry.compat.common.GantryChoices;
import io.gantry.simulation.choice.Choices;
import io.gantry.simulation.choice.Many;
import java.util.HashMap;
import org.apache.rocketmq.remoting.protocol.LanguageCode;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.SerializeType;

/**
 * Draws arbitrary official {@link RemotingCommand}s from the Gantry choice engine, within what
 * both serialize types can carry: code and version fit the binary header's 16 bits, and strings
 * are non-empty when present (the binary codec turns an empty string into null, a documented
 * quirk the later cross-checks pin down on purpose rather than by accident).
 */
final class CommandChoices {

    // The limits are GantryChoices', so official and Gantry commands are drawn within the same ones.
    /** Letters, digits, punctuation, a space and non-ASCII, so UTF-8 lengths differ from char counts. */
    static final String TEXT_ALPHABET = GantryChoices.TEXT_ALPHABET;
    static final String KEY_ALPHABET = GantryChoices.KEY_ALPHABET;
    static final int MAX_EXT_FIELDS = GantryChoices.MAX_EXT_FIELDS;
    static final int MAX_TEXT_CHARS = GantryChoices.MAX_TEXT_CHARS;
    static final int MAX_BODY_BYTES = GantryChoices.MAX_BODY_BYTES;

    private CommandChoices() {
    }

    static RemotingCommand draw(Choices c) {
        RemotingCommand command = RemotingCommand.createRequestCommand(c.intBetween(0, Short.MAX_VALUE), null);
        command.setSerializeTypeCurrentRPC(c.pick(SerializeType.class));
        command.setLanguage(c.pick(LanguageCode.class));
        command.setVersion(c.intBetween(0, Short.MAX_VALUE));
        command.setOpaque(c.intBetween(Integer.MIN_VALUE, Integer.MAX_VALUE));
        command.setFlag(c.intBetween(0, 3)); // bit 0 response, bit 1 oneway
        if (c.bool()) {
            command.setRemark(nonEmptyText(c, TEXT_ALPHABET));
        }
        HashMap<String, String> extFields = new HashMap<>();
        Many more = c.many(0, MAX_EXT_FIELDS);
        while (more.more()) {
            extFields.put(nonEmptyText(c, KEY_ALPHABET), nonEmptyText(c, TEXT_ALPHABET));
        }
        command.setExtFields(extFields);
        if (c.bool()) {
            command.setBody(c.bytes(MAX_BODY_BYTES));
        }
        return command;
    }

    private static String nonEmptyText(Choices c, String alphabet) {
        return alphabet.charAt(c.intBetween(0, alphabet.length() - 1)) + c.string(MAX_TEXT_CHARS - 1, alphabet);
    }
}
