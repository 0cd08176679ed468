package org.complaintledger.notification.channel;

/**
 * A provider refused or did not answer. The description is what the outbox keeps, so it names the failure (an HTTP
 * status, a timeout, an SMTP reply code) and never echoes the provider's text, which may quote the address.
 */
public class SendFailure extends RuntimeException {

    public SendFailure(String description) {
        super(description, null, false, false);
    }
}
