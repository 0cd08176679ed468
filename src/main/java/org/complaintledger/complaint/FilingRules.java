package org.complaintledger.complaint;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may file for whom, and through which channel: the rules every channel's filing obeys (the REST API, Open311,
 * the console's demo data, any future adapter), applied by {@code complaint.handling.Filing} before a Submit is
 * built. Pure, like the decider: the offline complainant's id is drawn by the caller.
 */
public final class FilingRules {

    /**
     * Who hands a filing in. The channel is a fact of the source (issue 16), never a client's claim: statistics by
     * channel count where complaints really came from.
     */
    public enum Source {
        /** A citizen filing through the JSON API (the web form or a mobile app). */
        CITIZEN_API(Channel.WEB, Channel.MOBILE_APP),
        /** An operator at a desk, filing for a person who came in, phoned, wrote or mailed. */
        OPERATOR_DESK(Channel.WALK_IN, Channel.PHONE, Channel.LETTER, Channel.EMAIL, Channel.SOCIAL_MEDIA),
        /** An operator filing an intake conversation that came in through the WhatsApp webhook. */
        WHATSAPP_ADAPTER(Channel.WHATSAPP),
        /** An operator filing an intake conversation that came in through the SMS gateway's webhook. */
        SMS_ADAPTER(Channel.SMS_1708),
        OPEN311(Channel.OPEN311),
        NATIONAL_SYNC(Channel.LAPOR_SYNC);

        private final Set<Channel> channels;

        Source(Channel first, Channel... rest) {
            this.channels = EnumSet.of(first, rest);
        }

        public Set<Channel> channels() {
            return channels;
        }
    }

    private FilingRules() {}

    /**
     * The complainant's subject for a filing, or a {@link FilingRefused}. A citizen files only for themselves; the
     * channel must be one of the source's; an operator files for the subject it names or for a new offline complainant.
     * A complaint that is not anonymous names its complainant.
     *
     * @param source            where the filing comes from, which fixes the channels it may name
     * @param onBehalfOf        the subject the filer files for, if it names one
     * @param namesComplainant  whether the filing carries the complainant's personal data
     * @param offlineSubject    draws the subject of an offline complainant (walk-in, letter, phone) without an account
     */
    public static String complainant(
            Source source,
            Actor filer,
            Channel channel,
            String onBehalfOf,
            boolean anonymous,
            boolean namesComplainant,
            Supplier<String> offlineSubject) {
        if (filer.role() == Role.CITIZEN) {
            if (onBehalfOf != null) {
                throw new FilingRefused("complainantSubject", "only an operator files on someone's behalf");
            }
        } else if (filer.role() != Role.OPERATOR) {
            throw new FilingRefused("actor", "only a citizen or an operator files a complaint");
        }
        if (!source.channels().contains(channel)) {
            throw new FilingRefused(
                    "channel",
                    channel + " is not this client's to claim; "
                            + (filer.role() == Role.CITIZEN ? "a citizen" : "an operator") + " filing here uses "
                            + source.channels());
        }
        if (!anonymous && !namesComplainant) {
            throw new FilingRefused("complainant", "is required unless the complaint is anonymous");
        }
        if (filer.role() == Role.CITIZEN) {
            return filer.subject();
        }
        return onBehalfOf != null ? onBehalfOf : offlineSubject.get();
    }

    /**
     * A complainant who chose how to be told gave the contact it needs: an e-mail address for {@code EMAIL}, a phone
     * number for {@code WHATSAPP} and {@code SMS}. No choice ({@code null}) or {@code NONE} needs nothing.
     */
    public static void requireContactFor(NotifyChannel notifyBy, boolean hasEmail, boolean hasPhone) {
        if (notifyBy == NotifyChannel.EMAIL && !hasEmail) {
            throw new FilingRefused("notify", "EMAIL needs complainant.email");
        }
        if ((notifyBy == NotifyChannel.WHATSAPP || notifyBy == NotifyChannel.SMS) && !hasPhone) {
            throw new FilingRefused("notify", notifyBy + " needs complainant.phone");
        }
    }
}
