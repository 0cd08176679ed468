package org.complaintledger.intake;

import java.time.Instant;
import org.complaintledger.complaint.Channel;

/**
 * One message as a provider handed it in, before anything is stored. {@code from} is the sender's number (plain only
 * while the request lasts); {@code reply} is a quick reply's payload (a WhatsApp button's id), read as a keyword.
 *
 * @param media a picture, document, audio or video in the chat, or null
 */
record InboundMessage(
        Channel channel, String providerId, String from, Instant receivedAt, String text, String reply, Media media) {

    /** The provider's handle on a file in the chat and the type it declared; the bytes are fetched when filed. */
    record Media(String id, String mediaType) {}

    @Override
    public String toString() {
        // a stray log line never carries the number or the text
        return "InboundMessage[" + channel + ", " + providerId + "]";
    }
}
