package org.complaintledger.intake;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a complainant can do from the chat in one word: {@code TERIMA 1-5} accepts the follow-up with a rating,
 * {@code TOLAK <alasan>} objects, {@code BANDING <alasan>} appeals to the Ombudsman and {@code STATUS <nomor>} asks
 * where a complaint stands. The same words are a WhatsApp button's id, so a tapped button and a typed keyword are
 * one command. Pure: anything else is not a quick reply and goes to the complaint as a message.
 */
sealed interface QuickReply {

    record Accept(int rating) implements QuickReply {}

    record Object(String reason) implements QuickReply {}

    record Appeal(String reason) implements QuickReply {}

    /** {@code trackingNumber} null: the status of the sender's own latest complaint. */
    record Status(String trackingNumber) implements QuickReply {}

    Pattern ACCEPT = Pattern.compile("(?i)\\s*TERIMA\\s*([1-5])\\s*");
    Pattern OBJECT = Pattern.compile("(?is)\\s*TOLAK(?:\\s+(.*))?");
    Pattern APPEAL = Pattern.compile("(?is)\\s*BANDING(?:\\s+(.*))?");
    Pattern STATUS = Pattern.compile("(?i)\\s*STATUS(?:\\s+([A-Z0-9-]{4,40}))?\\s*");

    /** The reason a bare TOLAK or BANDING records: the complainant gave none. */
    String NO_REASON = "(tanpa alasan)";

    static Optional<QuickReply> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m;
        if ((m = ACCEPT.matcher(text)).matches()) {
            return Optional.of(new Accept(Integer.parseInt(m.group(1))));
        }
        if ((m = OBJECT.matcher(text)).matches()) {
            return Optional.of(new Object(reason(m.group(1))));
        }
        if ((m = APPEAL.matcher(text)).matches()) {
            return Optional.of(new Appeal(reason(m.group(1))));
        }
        if ((m = STATUS.matcher(text)).matches()) {
            return Optional.of(new Status(m.group(1) == null ? null : m.group(1).toUpperCase(Locale.ROOT)));
        }
        return Optional.empty();
    }

    private static String reason(String given) {
        return given == null || given.isBlank() ? NO_REASON : given.strip();
    }
}
