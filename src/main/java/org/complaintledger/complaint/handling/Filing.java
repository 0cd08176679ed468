package org.complaintledger.complaint.handling;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.complaintledger.agency.Agencies;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.FilingRefused;
import org.complaintledger.complaint.FilingRules;
import org.complaintledger.complaint.Location;
import org.complaintledger.complaint.NotifyChannel;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.privacy.PersonalData;
import org.complaintledger.privacy.PersonalDataVault;

/**
 * The one way to file a complaint, whatever the channel: the REST API, Open311 and the demo data all come here. It
 * applies {@link FilingRules}, checks the category, seals the complainant's personal data under their subject's
 * key, and sends the Submit. A refused filing ({@link FilingRefused}) writes nothing; each edge answers it in its own
 * format.
 */
@Singleton
public class Filing {

    /**
     * A complaint as a channel hands it in.
     *
     * @param onBehalfOf  the complainant's subject when an operator files for someone with an account
     * @param complainant the complainant's personal data, or null for an anonymous filing
     * @param notifyBy    how the complainant asked to be told, or null to let the channel and contacts decide
     * @param language    the language ({@code id}, {@code en}) they want messages in, or null for the default
     */
    public record Application(
            Actor filer,
            String onBehalfOf,
            ReportType reportType,
            String category,
            Channel channel,
            String title,
            String description,
            Location location,
            boolean anonymous,
            boolean confidential,
            PersonalData complainant,
            LocalDate occurredOn,
            NotifyChannel notifyBy,
            String language) {}

    @Inject
    Agencies agencies;

    @Inject
    PersonalDataVault vault;

    @Inject
    ComplaintCommandHandler commands;

    @Inject
    ComplainantPseudonyms pseudonyms;

    @Inject
    Clock clock;

    @Inject
    @Any
    Instance<FilingStep> steps;

    /**
     * Files the application as it came from {@code source}; {@code directives} carry the channel's idempotency key, correlation id and
     * status.
     */
    public Uni<ComplaintCommandHandler.Outcome> file(
            FilingRules.Source source, Application application, ComplaintCommandHandler.Directives directives) {
        return Uni.createFrom().deferred(() -> {
            String complainant = FilingRules.complainant(
                    source,
                    application.filer(),
                    application.channel(),
                    application.onBehalfOf(),
                    application.anonymous(),
                    application.complainant() != null,
                    () -> "offline-" + UUID.randomUUID());
            PersonalData person = application.complainant();
            FilingRules.requireContactFor(
                    application.notifyBy(),
                    person != null && present(person.email()),
                    person != null && present(person.phone()));
            UUID complaintId = UUID.randomUUID();
            return agencies.categoryExists(application.category())
                    .flatMap(exists -> {
                        if (!exists) {
                            throw new FilingRefused("category", "no category '" + application.category() + "'");
                        }
                        return runSteps(complaintId, application);
                    })
                    .flatMap(ok -> subject(source, application, complainant))
                    .flatMap(subject -> (application.complainant() == null
                                    ? Uni.createFrom().<String>nullItem()
                                    : vault.seal(subject, application.complainant()))
                            .flatMap(sealedData -> commands.execute(
                                    submit(complaintId, application, subject, sealedData), directives)));
        });
    }

    /**
     * At a desk, the operator names the citizen's account (their identity provider's id), which the ledger knows by its
     * pseudonym only: looked up, or made, once every check before the Submit has passed, so that a refused filing
     * leaves no mapping behind. Every other complainant subject is the ledger's already.
     */
    private Uni<String> subject(FilingRules.Source source, Application application, String complainant) {
        return source == FilingRules.Source.OPERATOR_DESK && application.onBehalfOf() != null
                ? pseudonyms.of(complainant)
                : Uni.createFrom().item(complainant);
    }

    /** The steps in turn, so that a failing one stops the filing before the Submit. */
    private Uni<Void> runSteps(UUID complaintId, Application application) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (FilingStep step : steps) {
            chain = chain.flatMap(ok -> step.beforeSubmit(complaintId, application));
        }
        return chain;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private ComplaintCommand.Submit submit(UUID complaintId, Application a, String complainant, String sealed) {
        return new ComplaintCommand.Submit(
                complaintId,
                a.filer(),
                EventEnvelope.millis(clock.instant()),
                TrackingNumbers.next(),
                a.reportType(),
                a.category(),
                a.channel(),
                a.title(),
                a.description(),
                a.location(),
                a.anonymous(),
                a.confidential(),
                complainant,
                sealed,
                a.occurredOn());
    }
}
