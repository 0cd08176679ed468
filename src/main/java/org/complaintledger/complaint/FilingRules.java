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
     * Channels a citizen files through by themselves (Open311 is a citizen's app filing for them); the others are
     * the operator's, filing on a complainant's behalf.
     */
    public static final Set<Channel> CITIZEN_CHANNELS = EnumSet.of(
            Channel.WEB,
            Channel.MOBILE_APP,
            Channel.SMS_1708,
            Channel.WHATSAPP,
            Channel.SOCIAL_MEDIA,
            Channel.EMAIL,
            Channel.OPEN311);

    private FilingRules() {}

    /**
     * The complainant's subject for a filing, or a {@link FilingRefused}. A citizen files only for themselves and
     * only through a citizen's channel; an operator files for the subject it names or for a new offline complainant.
     * A complaint that is not anonymous names its complainant.
     *
     * @param onBehalfOf        the subject the filer files for, if it names one
     * @param namesComplainant  whether the filing carries the complainant's personal data
     * @param offlineSubject    draws the subject of an offline complainant (walk-in, letter, phone) without an account
     */
    public static String complainant(
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
            if (!CITIZEN_CHANNELS.contains(channel)) {
                throw new FilingRefused("channel", "a citizen files through " + CITIZEN_CHANNELS);
            }
        } else if (filer.role() != Role.OPERATOR) {
            throw new FilingRefused("actor", "only a citizen or an operator files a complaint");
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
