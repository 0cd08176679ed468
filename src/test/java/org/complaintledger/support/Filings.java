package org.complaintledger.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.complaint.handling.ComplaintCommandHandler;

/** A web filing sent straight to the command handler, for the tests that drive it without HTTP. */
public final class Filings {

    private Filings() {}

    /** A citizen's HEALTH complaint under {@code id}, its tracking number drawn from the id. */
    public static ComplaintCommand.Submit submit(
            UUID id, String citizen, Instant at, String title, String sealedComplainant) {
        String code = id.toString().replace("-", "").substring(0, 8).toUpperCase();
        return new ComplaintCommand.Submit(
                id,
                Actor.citizen(citizen),
                at.truncatedTo(ChronoUnit.MILLIS),
                "LPR-" + code.substring(0, 4) + "-" + code.substring(4),
                ReportType.COMPLAINT,
                "HEALTH",
                Channel.WEB,
                title,
                "Tiga jam menunggu",
                null,
                false,
                false,
                citizen,
                sealedComplainant,
                null);
    }

    /** No If-Match, no Idempotency-Key, a fresh correlation id: a command that creates its complaint. */
    public static ComplaintCommandHandler.Directives creating() {
        return new ComplaintCommandHandler.Directives(
                null,
                null,
                null,
                null,
                ComplaintCommandHandler.Effect.CREATED,
                UUID.randomUUID().toString());
    }
}
