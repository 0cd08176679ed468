package org.complaintledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.ArchiveReason;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.MaladministrationForm;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.complaint.handling.ComplaintCommandHandler;
import org.complaintledger.support.ReadSide;
import org.junit.jupiter.api.Test;

/**
 * Random valid histories over many complaints, generated from a model of the workflow that this test keeps on its
 * own (statuses, agencies, event counts, assignments): after the projections catch up, every read-model row must
 * equal what the model folded. The seed is printed; set {@code -Dledger.test.seed=} to replay a failure.
 */
@QuarkusTest
class GeneratedHistoriesTest {

    private static final List<String> AGENCIES = List.of("dinas-pupr", "dinkes", "disdik", "dishub");

    @Inject
    ComplaintCommandHandler commands;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    /** What the test expects of one complaint, folded by the test itself. */
    private static final class Model {
        final UUID id = UUID.randomUUID();
        final String citizen;
        String status;
        String agency;
        int events;
        boolean escalated;
        int reopened;
        int followUps;
        int findings;
        final List<Assignment> assignments = new ArrayList<>();

        Model(String citizen) {
            this.citizen = citizen;
        }

        Assignment current() {
            return assignments.getLast();
        }
    }

    private static final class Assignment {
        final String agency;
        boolean acknowledged;
        boolean followedUp;
        boolean declined;
        int reopened;
        Integer rating;

        Assignment(String agency) {
            this.agency = agency;
        }
    }

    private record Step(
            Function<Model, ComplaintCommand> command, int events, java.util.function.Consumer<Model> fold) {}

    @Test
    void every_read_model_equals_the_fold_of_random_valid_histories() throws Exception {
        long seed = Long.getLong("ledger.test.seed", System.nanoTime());
        System.out.println("GeneratedHistoriesTest seed " + seed);
        Random random = new Random(seed);
        List<Model> models = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            models.add(new Model("warga-gen-" + i));
        }
        for (int step = 0; step < 900; step++) {
            Model model = models.get(random.nextInt(models.size()));
            List<Step> choices = choices(model, random);
            if (choices.isEmpty()) {
                continue;
            }
            Step chosen = choices.get(random.nextInt(choices.size()));
            commands.execute(
                            chosen.command().apply(model),
                            new ComplaintCommandHandler.Directives(
                                    null, null, null, null, ComplaintCommandHandler.Effect.CHANGED, "gen-" + step))
                    .await()
                    .indefinitely();
            model.events += chosen.events();
            chosen.fold().accept(model);
        }
        ReadSide.caughtUp(pool);
        System.out.println("GeneratedHistoriesTest statuses "
                + models.stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                m -> String.valueOf(m.status),
                                java.util.TreeMap::new,
                                java.util.stream.Collectors.counting()))
                + ", reopened " + models.stream().mapToInt(m -> m.reopened).sum()
                + ", assignments "
                + models.stream().mapToInt(m -> m.assignments.size()).sum());

        ObjectMapper json = new ObjectMapper();
        for (Model model : models) {
            if (model.status == null) {
                continue;
            }
            Row view = one(
                    "SELECT status, agency_id, version, escalated, state::text AS state FROM complaint_views WHERE id = $1",
                    model.id);
            assertThat(view).as("view row of %s (seed %d)", model.id, seed).isNotNull();
            JsonNode state = json.readTree(view.getString("state"));
            assertThat(view.getString("status")).as("status (seed %d)", seed).isEqualTo(model.status);
            assertThat(view.getString("agency_id")).as("agency (seed %d)", seed).isEqualTo(model.agency);
            assertThat(view.getLong("version")).as("version (seed %d)", seed).isEqualTo(model.events);
            assertThat(view.getBoolean("escalated"))
                    .as("escalated (seed %d)", seed)
                    .isEqualTo(model.escalated);
            assertThat(state.get("reopenCount").asInt()).isEqualTo(model.reopened);
            assertThat(state.get("followUps").size()).isEqualTo(model.followUps);

            List<Row> rows = all(
                    "SELECT agency_id, acknowledged_at IS NOT NULL AS ack, followed_up_at IS NOT NULL AS fu, "
                            + "declined_at IS NOT NULL AS declined, reopened, rating FROM agency_assignments "
                            + "WHERE complaint_id = $1 ORDER BY assignment",
                    model.id);
            assertThat(rows).as("assignments of %s (seed %d)", model.id, seed).hasSameSizeAs(model.assignments);
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                Assignment expected = model.assignments.get(i);
                assertThat(row.getString("agency_id")).isEqualTo(expected.agency);
                assertThat(row.getBoolean("ack")).isEqualTo(expected.acknowledged);
                assertThat(row.getBoolean("fu")).isEqualTo(expected.followedUp);
                assertThat(row.getBoolean("declined")).isEqualTo(expected.declined);
                assertThat(row.getInteger("reopened")).isEqualTo(expected.reopened);
                assertThat(row.getInteger("rating")).isEqualTo(expected.rating);
            }
        }
    }

    /** The commands the workflow allows in the model's status, with the events each appends and its effect. */
    private List<Step> choices(Model m, Random random) {
        Actor citizen = Actor.citizen(m.citizen);
        Actor operator = Actor.operator("op-gen");
        Actor ombudsman = Actor.ombudsman("ombudsman-gen");
        Actor officer = m.agency == null ? null : Actor.officer("officer-" + m.agency, m.agency);
        String agency = AGENCIES.get(random.nextInt(AGENCIES.size()));
        LocalDate actionTakenOn = random.nextBoolean() ? null : LocalDate.of(2026, 3, 1 + random.nextInt(28));
        List<Step> steps = new ArrayList<>();
        // the steps that end or divert a complaint are offered rarely, so that histories get long and varied
        boolean divert = random.nextInt(6) == 0;
        if (m.status == null) {
            steps.add(new Step(
                    x -> new ComplaintCommand.Submit(
                            x.id,
                            citizen,
                            now(),
                            "LPR-" + code(x.id, 0) + "-" + code(x.id, 4),
                            ReportType.COMPLAINT,
                            "INFRASTRUCTURE",
                            Channel.WEB,
                            "Generated",
                            "Generated",
                            null,
                            false,
                            false,
                            x.citizen,
                            null,
                            null),
                    3,
                    x -> x.status = "SUBMITTED"));
            return steps;
        }
        Step withdraw = new Step(
                x -> new ComplaintCommand.Withdraw(x.id, citizen, now(), "selesai"), 1, x -> x.status = "WITHDRAWN");
        Step escalate = new Step(x -> new ComplaintCommand.Escalate(x.id, operator, now(), "lambat"), 1, x -> {
            x.status = "ESCALATED";
            x.escalated = true;
        });
        Step dispatch =
                new Step(x -> new ComplaintCommand.Dispatch(x.id, operator, now(), agency, null, null, null), 3, x -> {
                    x.status = "DISPATCHED";
                    x.agency = agency;
                    x.assignments.add(new Assignment(agency));
                });
        Step redispatch = new Step(x -> new ComplaintCommand.Redispatch(x.id, operator, now(), agency, null), 2, x -> {
            x.status = "DISPATCHED";
            x.agency = agency;
            x.assignments.add(new Assignment(agency));
        });
        Step decline = new Step(x -> new ComplaintCommand.Decline(x.id, officer, now(), "bukan kami", null), 2, x -> {
            x.status = "AWAITING_REDISPATCH";
            x.agency = null;
            x.current().declined = true;
        });
        switch (m.status) {
            case "SUBMITTED" ->
                steps.addAll(
                        divert
                                ? List.of(
                                        withdraw,
                                        escalate,
                                        new Step(
                                                x -> new ComplaintCommand.Archive(
                                                        x.id, operator, now(), ArchiveReason.OUT_OF_SCOPE, null),
                                                1,
                                                x -> x.status = "ARCHIVED"))
                                : List.of(
                                        dispatch,
                                        new Step(
                                                x -> new ComplaintCommand.RequestClarification(
                                                        x.id, operator, now(), "?"),
                                                2,
                                                x -> x.status = "ON_HOLD")));
            case "ON_HOLD" ->
                steps.addAll(
                        divert
                                ? List.of(withdraw)
                                : List.of(
                                        dispatch,
                                        new Step(
                                                x -> new ComplaintCommand.ProvideClarification(
                                                        x.id, citizen, now(), "ini"),
                                                2,
                                                x -> x.status = "SUBMITTED")));
            case "DISPATCHED" ->
                steps.addAll(
                        divert
                                ? List.of(
                                        withdraw,
                                        new Step(
                                                x -> new ComplaintCommand.Appeal(x.id, citizen, now(), "lama"),
                                                1,
                                                x -> {
                                                    x.status = "ESCALATED";
                                                    x.escalated = true;
                                                }))
                                : List.of(
                                        decline,
                                        redispatch,
                                        new Step(x -> new ComplaintCommand.Acknowledge(x.id, officer, now()), 1, x -> {
                                            x.status = "IN_PROGRESS";
                                            x.current().acknowledged = true;
                                        })));
            case "IN_PROGRESS" ->
                steps.addAll(
                        divert
                                ? List.of(withdraw, escalate)
                                : List.of(
                                        decline,
                                        new Step(
                                                x -> new ComplaintCommand.PostFollowUp(
                                                        x.id, officer, now(), "sudah", actionTakenOn),
                                                2,
                                                x -> {
                                                    x.status = "RESPONDED";
                                                    x.followUps++;
                                                    x.current().followedUp = true;
                                                })));
            case "AWAITING_REDISPATCH" -> steps.add(redispatch);
            case "RESPONDED" ->
                steps.addAll(
                        divert
                                ? List.of(withdraw)
                                : List.of(
                                        new Step(
                                                x -> new ComplaintCommand.Accept(x.id, citizen, now(), 4, null),
                                                2,
                                                x -> {
                                                    x.status = "COMPLETED";
                                                    x.current().rating = 4;
                                                }),
                                        new Step(
                                                x -> new ComplaintCommand.ObjectToResponse(
                                                        x.id, citizen, now(), "belum"),
                                                2,
                                                x -> {
                                                    x.status = "IN_PROGRESS";
                                                    x.reopened++;
                                                    x.current().reopened++;
                                                })));
            case "ESCALATED" ->
                steps.add(new Step(
                        x -> new ComplaintCommand.OpenReview(x.id, ombudsman, now()),
                        1,
                        x -> x.status = "UNDER_REVIEW"));
            case "UNDER_REVIEW" -> {
                steps.add(new Step(
                        x -> new ComplaintCommand.RecordFinding(
                                x.id, ombudsman, now(), true, List.of(MaladministrationForm.UNDUE_DELAY), "perbaiki"),
                        1,
                        x -> x.findings++));
                if (m.findings > 0) {
                    steps.add(new Step(
                            x -> new ComplaintCommand.CloseReview(x.id, ombudsman, now(), "selesai"),
                            // every finding here is of maladministration: its recommendation goes to the agency
                            // that had the complaint, if one had it when it was escalated, with its implementation
                            // deadline
                            m.agency == null ? 1 : 3,
                            x -> x.status = "REVIEWED"));
                }
            }
            default -> {
                // terminal: nothing more happens to it
            }
        }
        return steps;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String code(UUID id, int from) {
        return id.toString().replace("-", "").substring(from, from + 4).toUpperCase();
    }

    private Row one(String sql, UUID id) {
        List<Row> rows = all(sql, id);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    private List<Row> all(String sql, UUID id) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql)
                .execute(Tuple.of(id))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .forEach(rows::add);
        return rows;
    }
}
