package org.complaintledger.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.deadline.DeadlinePolicies;
import org.complaintledger.deadline.WorkingCalendar;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Staff alerts that no single event calls for: the assigned agency is reminded one working day before each of its due
 * dates, and an agency that asked for a daily digest ({@code agency_contacts.digest}) gets the alerts held for it
 * gathered into one mail a day. Both write into the outbox, which the sender works like any other delivery; both are
 * safe to run on every instance at once (a reminder's id is derived from the deadline it is about, a digest takes its
 * alerts in one transaction), so a reminder is decided once however many instances look.
 */
@Singleton
public class StaffReminders {

    private static final Logger LOG = Logger.getLogger(StaffReminders.class);

    /**
     * The agency's own timers: the follow-up it owes, the resolution it is answerable for, and the implementation of
     * an Ombudsman's recommendation.
     */
    static final List<DeadlineKind> AGENCY_DEADLINES =
            List.of(DeadlineKind.FOLLOW_UP, DeadlineKind.RESOLUTION, DeadlineKind.IMPLEMENTATION);

    public static final String DUE_SOON_EVENT = "deadline.due-soon";
    public static final String DIGEST_EVENT = "agency.digest";

    private static final DateTimeFormatter DUE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /**
     * The agency's deadlines that may call for a reminder now. The window ahead is wider than one working day so that
     * a due date after a long holiday (Lebaran's cuti bersama) is still seen on the working day before it.
     */
    private static final String CANDIDATES = """
            SELECT d.complaint_id, d.kind, d.due_at, v.agency_id, v.tracking_number, v.category, v.report_type,
                   c.email, c.digest
              FROM complaint_deadlines d
              JOIN complaint_views v ON v.id = d.complaint_id
              JOIN agency_contacts c ON c.agency_id = v.agency_id
             WHERE d.kind = ANY($1) AND d.due_at > $2 AND d.due_at <= $2 + interval '21 days'""";

    private static final String INSERT = """
            INSERT INTO deliveries (id, event_id, complaint_id, event_type, recipient, channel, message, language,
                                    address, masked_address, params, status, next_attempt_at)
            VALUES ($1, $2, $3, $4, $5, 'EMAIL', $6, 'id', $7, $7, $8, $9, now())
            ON CONFLICT DO NOTHING""";

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    Clock clock;

    @Inject
    DeadlinePolicies policies;

    @Inject
    Messages messages;

    @ConfigProperty(name = "ledger.notify.enabled", defaultValue = "true")
    boolean enabled;

    /** How often due dates and held alerts are looked at. */
    @ConfigProperty(name = "ledger.notify.reminders.interval", defaultValue = "PT1M")
    Duration interval;

    /** The local time (the working calendar's zone) from which each day's digest is made. */
    @ConfigProperty(name = "ledger.notify.digest.at", defaultValue = "07:00")
    LocalTime digestAt;

    private long timer = -1;

    void start(@Observes StartupEvent startup) {
        if (!enabled) {
            return;
        }
        timer = vertx.setPeriodic(
                interval.toMillis(),
                id -> remind(clock.instant())
                        .chain(() -> digests(clock.instant(), false))
                        .subscribe()
                        .with(n -> {}, failure -> LOG.warn("notifications: staff reminders failed", failure)));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(timer);
    }

    /**
     * When the reminder of a deadline due at {@code dueAt} is due: the working day before the due date, at the due
     * date's time of day. A deadline due on Monday is reminded of on Friday; one due after a holiday, on the working
     * day before the holiday.
     */
    public static Instant remindAt(Instant dueAt, WorkingCalendar calendar) {
        ZonedDateTime due = dueAt.atZone(calendar.zone());
        LocalDate day = due.toLocalDate().minusDays(1);
        while (!calendar.isWorkingDay(day)) {
            day = day.minusDays(1);
        }
        return ZonedDateTime.of(day, due.toLocalTime(), calendar.zone()).toInstant();
    }

    /** Decides the reminders that are due at {@code now}; answers how many were new. */
    public Uni<Integer> remind(Instant now) {
        return pool.preparedQuery(CANDIDATES)
                .execute(Tuple.of(
                        AGENCY_DEADLINES.stream().map(Enum::name).toArray(String[]::new), now.atOffset(ZoneOffset.UTC)))
                .flatMap(rows -> {
                    List<Tuple> reminders = new ArrayList<>();
                    for (Row row : rows) {
                        Instant dueAt = row.getOffsetDateTime("due_at").toInstant();
                        WorkingCalendar calendar = policies.inForce(
                                        row.getString("category"), row.getString("report_type"))
                                .calendar();
                        if (now.isBefore(remindAt(dueAt, calendar))) {
                            continue;
                        }
                        reminders.add(reminder(row, dueAt, calendar));
                    }
                    if (reminders.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return pool.preparedQuery(INSERT).executeBatch(reminders).map(StaffReminders::inserted);
                });
    }

    private Tuple reminder(Row row, Instant dueAt, WorkingCalendar calendar) {
        UUID complaintId = row.getUUID("complaint_id");
        String agency = row.getString("agency_id");
        String kind = row.getString("kind");
        String recipient = "agency:" + agency;
        // one reminder per running deadline: a re-armed follow-up (a new due time) is reminded of again
        UUID about = UUID.nameUUIDFromBytes(
                (DUE_SOON_EVENT + "|" + complaintId + "|" + kind + "|" + dueAt).getBytes(StandardCharsets.UTF_8));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("trackingNumber", row.getString("tracking_number"));
        params.put("agencyId", agency);
        params.put("deadline", DeadlineKind.valueOf(kind).configKey());
        params.put("dueAt", DUE_FORMAT.format(dueAt.atZone(calendar.zone())));
        return Tuple.tuple(List.of(
                derivedId(about, recipient),
                about,
                complaintId,
                DUE_SOON_EVENT,
                recipient,
                Message.DEADLINE_DUE_SOON.key(),
                row.getString("email"),
                toJson(params),
                row.getBoolean("digest") ? "HELD" : "PENDING"));
    }

    /** The outbox's idempotency key, derived as the delivery processor derives its own: event, recipient, channel. */
    static UUID derivedId(UUID about, String recipient) {
        return UUID.nameUUIDFromBytes((about + "|" + recipient + "|EMAIL").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Gathers each digest agency's held alerts into one mail, once a day from {@code ledger.notify.digest.at}
     * ({@code force}: now, whatever the time). The digest and the alerts it takes are written in one transaction, and
     * the alerts are locked as they are taken, so two instances never send the same alert twice. Answers the number
     * of digests made.
     */
    public Uni<Integer> digests(Instant now, boolean force) {
        return pool.query("""
                        SELECT DISTINCT d.recipient, c.email FROM deliveries d
                          JOIN agency_contacts c ON 'agency:' || c.agency_id = d.recipient
                         WHERE d.status = 'HELD'""").execute().flatMap(rows -> {
            Uni<Integer> made = Uni.createFrom().item(0);
            for (Row row : rows) {
                String recipient = row.getString("recipient");
                String email = row.getString("email");
                made = made.flatMap(
                        sum -> pool.withTransaction(connection -> digest(connection, recipient, email, now, force))
                                .map(one -> sum + one));
            }
            return made;
        });
    }

    private Uni<Integer> digest(SqlClient connection, String recipient, String email, Instant now, boolean force) {
        WorkingCalendar calendar = policies.inForce(null, null).calendar();
        ZonedDateTime local = now.atZone(calendar.zone());
        Instant todaysDigest =
                ZonedDateTime.of(local.toLocalDate(), digestAt, calendar.zone()).toInstant();
        if (!force && now.isBefore(todaysDigest)) {
            return Uni.createFrom().item(0);
        }
        return connection
                .preparedQuery("""
                        SELECT count(*) AS made FROM deliveries
                         WHERE recipient = $1 AND event_type = $2 AND created_at >= $3""")
                .execute(Tuple.of(recipient, DIGEST_EVENT, todaysDigest.atOffset(ZoneOffset.UTC)))
                .flatMap(made -> {
                    if (!force && made.iterator().next().getLong("made") > 0) {
                        return Uni.createFrom().item(0);
                    }
                    return connection
                            .preparedQuery("""
                                    SELECT id, message, params FROM deliveries
                                     WHERE recipient = $1 AND status = 'HELD'
                                     ORDER BY seq LIMIT 500 FOR UPDATE SKIP LOCKED""")
                            .execute(Tuple.of(recipient))
                            .flatMap(held -> {
                                if (held.size() == 0) {
                                    return Uni.createFrom().item(0);
                                }
                                List<UUID> ids = new ArrayList<>();
                                List<String> lines = new ArrayList<>();
                                for (Row alert : held) {
                                    ids.add(alert.getUUID("id"));
                                    lines.add("- "
                                            + messages.render(
                                                            Message.ofKey(alert.getString("message")),
                                                            Language.ID,
                                                            params(alert.getString("params")))
                                                    .subject());
                                }
                                UUID about = UUID.nameUUIDFromBytes(
                                        (DIGEST_EVENT + "|" + recipient + "|" + ids).getBytes(StandardCharsets.UTF_8));
                                Map<String, String> params = new LinkedHashMap<>();
                                params.put("agencyId", recipient.substring("agency:".length()));
                                params.put("count", Integer.toString(ids.size()));
                                params.put("items", String.join("\n", lines));
                                return connection
                                        .preparedQuery(INSERT)
                                        .execute(Tuple.tuple()
                                                .addValue(derivedId(about, recipient))
                                                .addValue(about)
                                                .addValue(null)
                                                .addValue(DIGEST_EVENT)
                                                .addValue(recipient)
                                                .addValue(Message.AGENCY_DIGEST.key())
                                                .addValue(email)
                                                .addValue(toJson(params))
                                                .addValue("PENDING"))
                                        .flatMap(ignored -> connection
                                                .preparedQuery("""
                                                        UPDATE deliveries SET status = 'DIGESTED',
                                                               last_error = 'sent in digest ' || $2
                                                         WHERE id = ANY($1) AND status = 'HELD'""")
                                                .execute(Tuple.of(
                                                        ids.toArray(UUID[]::new),
                                                        derivedId(about, recipient)
                                                                .toString())))
                                        .replaceWith(1);
                            });
                });
    }

    private static int inserted(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        int count = 0;
        for (var set = rows; set != null; set = set.next()) {
            count += set.rowCount();
        }
        return count;
    }

    private Map<String, String> params(String text) {
        try {
            return json.readValue(text, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(Map<String, String> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
