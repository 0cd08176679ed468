package org.complaintledger.complaint.handling;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.complaintledger.agency.Agencies;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.FilingRefused;
import org.complaintledger.complaint.FilingRules;
import org.complaintledger.complaint.Location;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.privacy.PersonalData;
import org.complaintledger.privacy.PersonalDataVault;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The one way to file a complaint, whatever the channel: the REST API, Open311 and the demo data all come here. It
 * applies {@link FilingRules}, checks the category, seals the complainant's personal data under their subject's
 * key, and sends the Submit. A refused filing ({@link FilingRefused}) writes nothing; each edge answers it in its own
 * format.
 */
@ApplicationScoped
public class Filing {

    /**
     * A complaint as a channel hands it in.
     *
     * @param onBehalfOf  the complainant's subject when an operator files for someone with an account
     * @param complainant the complainant's personal data, or null for an anonymous filing
     */
    public record Application(Actor filer, String onBehalfOf, ReportType reportType, String category,
                              Channel channel, String title, String description, Location location,
                              boolean anonymous, boolean confidential, PersonalData complainant,
                              LocalDate occurredOn) {
    }

    @Inject
    Agencies agencies;

    @Inject
    PersonalDataVault vault;

    @Inject
    ComplaintCommandHandler commands;

    @Inject
    Clock clock;

    /** Files the application; {@code directives} carry the channel's idempotency key, correlation id and status. */
    public Uni<ComplaintCommandHandler.Outcome> file(Application application, ComplaintCommandHandler.Directives directives) {
        return Uni.createFrom().deferred(() -> {
            String complainant = FilingRules.complainant(application.filer(), application.channel(),
                    application.onBehalfOf(), application.anonymous(), application.complainant() != null,
                    () -> "offline-" + UUID.randomUUID());
            return agencies.categoryExists(application.category())
                    .flatMap(exists -> {
                        if (!exists) {
                            throw new FilingRefused("category", "no category '" + application.category() + "'");
                        }
                        return application.complainant() == null
                                ? Uni.createFrom().<String>nullItem()
                                : vault.seal(complainant, application.complainant());
                    })
                    .flatMap(sealedData -> commands.execute(submit(application, complainant, sealedData), directives));
        });
    }

    private ComplaintCommand.Submit submit(Application a, String complainant, String sealed) {
        return new ComplaintCommand.Submit(UUID.randomUUID(), a.filer(), EventEnvelope.millis(clock.instant()),
                TrackingNumbers.next(), a.reportType(), a.category(), a.channel(), a.title(), a.description(),
                a.location(), a.anonymous(), a.confidential(), complainant, sealed, a.occurredOn());
    }
}
