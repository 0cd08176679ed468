package org.complaintledger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.ComplaintCommand.Acknowledge;
import org.complaintledger.complaint.ComplaintCommand.Dispatch;
import org.complaintledger.complaint.ComplaintCommand.PostFollowUp;
import org.complaintledger.complaint.ComplaintCommand.RequestClarification;
import org.complaintledger.complaint.Location;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.complaint.handling.ComplaintCommandHandler;
import org.complaintledger.complaint.handling.Filing;
import org.complaintledger.ledger.LedgerReader;
import org.complaintledger.privacy.PersonalData;
import org.jboss.logging.Logger;

/**
 * Demo complaints for the dev profile, filed through the same command path as real ones, so that a first look at
 * Swagger UI finds complaints in several states. Seeded once, into an empty ledger.
 */
@Singleton
@IfBuildProfile("dev")
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    @Inject
    Pool pool;

    @Inject
    ComplaintCommandHandler commands;

    @Inject
    Filing filing;

    @Inject
    Clock clock;

    void seed(@Observes StartupEvent startup) {
        Uni.createFrom()
                .completionStage(() -> new LedgerReader(pool.getDelegate()).eventCount())
                .flatMap(count -> count > 0 ? Uni.createFrom().voidItem() : seedAll())
                .subscribe()
                .with(done -> {}, failure -> LOG.error("demo data not seeded", failure));
    }

    private Uni<Void> seedAll() {
        Actor operator = Actor.operator("demo-operator");
        Actor officer = Actor.officer("demo-agency-officer", "dinas-pupr");
        return complaint("demo-citizen", "Lampu jalan padam di Jalan Ahmad Yani", "INFRASTRUCTURE", false, List.of())
                .flatMap(x -> complaint(
                        "demo-citizen",
                        "Antrean KTP elektronik berjam-jam",
                        "POPULATION_ADMIN",
                        false,
                        List.of(id -> new RequestClarification(id, operator, now(), "Di kantor kecamatan mana?"))))
                .flatMap(x -> complaint(
                        "demo-citizen",
                        "Jalan berlubang dekat SDN 3 Bengkalis",
                        "INFRASTRUCTURE",
                        false,
                        List.of(id ->
                                new Dispatch(id, operator, now(), "dinas-pupr", "Mohon ditindaklanjuti", null, null))))
                .flatMap(x -> complaint(
                        "demo-citizen-2",
                        "Pungutan liar di loket perizinan",
                        "EXTORTION",
                        true,
                        List.of(
                                id -> new Dispatch(id, operator, now(), "dinas-pupr", "Rahasiakan pelapor", null, null),
                                id -> new Acknowledge(id, officer, now()),
                                id -> new PostFollowUp(
                                        id, officer, now(), "Petugas loket telah diperiksa Inspektorat.", null))))
                .invoke(() -> LOG.info("Seeded demo complaints for the dev profile"))
                .replaceWithVoid();
    }

    private Uni<UUID> complaint(
            String citizen,
            String title,
            String category,
            boolean anonymous,
            List<Function<UUID, ComplaintCommand>> then) {
        Actor actor = Actor.citizen(citizen);
        PersonalData person = new PersonalData(
                "Warga Demo " + citizen.substring(citizen.length() - 1),
                "1403011234567890",
                "+62 812 0000 0000",
                citizen + "@example.id",
                "Jl. Pramuka No. 1, Bengkalis");
        var application = new Filing.Application(
                actor,
                null,
                ReportType.COMPLAINT,
                category,
                Channel.WEB,
                title,
                "Demo: " + title + ".",
                new Location("Bengkalis", "Bengkalis", "Rimba Sekampung", 1.465, 102.107),
                anonymous,
                false,
                person,
                null,
                null,
                null);
        Uni<UUID> chain = filing.file(
                        org.complaintledger.complaint.FilingRules.Source.CITIZEN_API, application, directives())
                .map(filed -> filed.complaint().id());
        for (Function<UUID, ComplaintCommand> step : then) {
            chain = chain.flatMap(id -> run(step.apply(id)).replaceWith(id));
        }
        return chain;
    }

    private Uni<ComplaintCommandHandler.Outcome> run(ComplaintCommand command) {
        return commands.execute(command, directives());
    }

    private static ComplaintCommandHandler.Directives directives() {
        return new ComplaintCommandHandler.Directives(
                null,
                null,
                null,
                null,
                ComplaintCommandHandler.Effect.CHANGED,
                UUID.randomUUID().toString());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
