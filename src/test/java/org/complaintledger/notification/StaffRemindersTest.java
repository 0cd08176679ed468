package org.complaintledger.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.complaintledger.deadline.WorkingCalendar;
import org.complaintledger.support.Api;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Staff alerts no single event calls for, end to end against the suite's SMTP server (GreenMail): the assigned agency
 * is reminded one working day before its follow-up is due, once; an agency that asked for a digest gets its alerts in
 * one mail instead of one mail each.
 */
@QuarkusTest
class StaffRemindersTest {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    @Inject
    Pool pool;

    @Inject
    StaffReminders reminders;

    @Test
    void the_reminder_falls_on_the_working_day_before_the_due_date_at_the_due_dates_time_of_day() {
        WorkingCalendar calendar =
                new WorkingCalendar(WorkingCalendar.NATIONAL, 0, Set.of(LocalDate.of(2026, 12, 25)), JAKARTA);
        assertThat(StaffReminders.remindAt(at(2026, 12, 9, 10), calendar))
                .as("due on a Wednesday: Tuesday")
                .isEqualTo(at(2026, 12, 8, 10));
        assertThat(StaffReminders.remindAt(at(2026, 12, 7, 10), calendar))
                .as("due on a Monday: the Friday before")
                .isEqualTo(at(2026, 12, 4, 10));
        assertThat(StaffReminders.remindAt(at(2026, 12, 28, 9), calendar))
                .as("due on the Monday after Christmas (a Friday): Thursday the 24th")
                .isEqualTo(at(2026, 12, 24, 9));
    }

    private static Instant at(int year, int month, int day, int hour) {
        return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, JAKARTA).toInstant();
    }

    @Test
    void the_assigned_agency_is_reminded_by_mail_one_working_day_before_its_follow_up_is_due_and_only_once() {
        contact("dinas-pupr", "pengaduan@pupr.bengkaliskab.example", false);
        String dueTomorrow = Api.dispatched("warga-tenggat");
        String dueLater = Api.dispatched("warga-tenggat-lain");
        awaitFollowUp(dueTomorrow);
        awaitFollowUp(dueLater);
        // the follow-up of one is due in two hours, as if the agency had let four of its five working days pass
        execute(
                "UPDATE complaint_deadlines SET due_at = now() + interval '2 hours' WHERE kind = 'FOLLOW_UP' "
                        + "AND complaint_id = $1",
                UUID.fromString(dueTomorrow));
        String tracking = trackingNumber(dueTomorrow);

        reminders.remind(Instant.now()).await().atMost(Duration.ofSeconds(10));
        reminders.remind(Instant.now()).await().atMost(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> mailTo("pengaduan@pupr.bengkaliskab.example").stream()
                        .anyMatch(m -> subject(m)
                                .equals("Tenggat follow-up pengaduan " + tracking + " jatuh pada "
                                        + dueAtShown(dueTomorrow))));
        assertThat(reminderCount(dueTomorrow))
                .as("one reminder, however often it is looked for")
                .isEqualTo(1);
        assertThat(reminderCount(dueLater))
                .as("due in five working days: not yet")
                .isZero();
    }

    @Test
    void an_agency_that_asked_for_a_daily_digest_gets_its_alerts_in_one_mail_instead_of_one_each() {
        String mailbox = "rekap@bpbd.bengkaliskab.example";
        contact("bpbd", mailbox, true);
        try {
            List<String> tracking = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String id = Api.file("warga-rekap-" + i);
                post(Tokens.operator(), "/api/complaints/" + id + "/dispatch", "{\"agencyId\":\"bpbd\"}")
                        .statusCode(200);
                ids.add(id);
                tracking.add(trackingNumber(id));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ids.stream().allMatch(id -> "HELD".equals(agencyAlertStatus(id))));
            assertThat(mailTo(mailbox)).as("held, not sent one by one").isEmpty();

            reminders.digests(Instant.now(), true).await().atMost(Duration.ofSeconds(10));

            await().atMost(Duration.ofSeconds(10)).until(() -> !mailTo(mailbox).isEmpty());
            assertThat(mailTo(mailbox)).hasSize(1);
            MimeMessage digest = mailTo(mailbox).getFirst();
            assertThat(subject(digest)).startsWith("Ringkasan harian untuk bpbd: ");
            assertThat(body(digest))
                    .contains("Pengaduan baru untuk bpbd: " + tracking.get(0))
                    .contains("Pengaduan baru untuk bpbd: " + tracking.get(1));
            assertThat(ids).allMatch(id -> "DIGESTED".equals(agencyAlertStatus(id)));
        } finally {
            contact("bpbd", mailbox, false);
        }
    }

    private void contact(String agency, String email, boolean digest) {
        execute(
                "INSERT INTO agency_contacts (agency_id, email, digest) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (agency_id) DO UPDATE SET email = excluded.email, digest = excluded.digest",
                agency,
                email,
                digest);
    }

    private void awaitFollowUp(String id) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count(
                                "SELECT count(*) FROM complaint_deadlines WHERE kind = 'FOLLOW_UP' AND complaint_id = $1",
                                id)
                        == 1);
    }

    private String dueAtShown(String id) {
        Row row = one("SELECT due_at FROM complaint_deadlines WHERE kind = 'FOLLOW_UP' AND complaint_id = $1", id);
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(row.getOffsetDateTime("due_at").atZoneSameInstant(JAKARTA));
    }

    private long reminderCount(String id) {
        return count(
                "SELECT count(*) FROM deliveries WHERE event_type = 'deadline.due-soon' AND complaint_id = $1", id);
    }

    private String agencyAlertStatus(String id) {
        Row row = one("SELECT status FROM deliveries WHERE message = 'agency-assigned' AND complaint_id = $1", id);
        return row == null ? null : row.getString("status");
    }

    private static String trackingNumber(String id) {
        return as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .extract()
                .path("trackingNumber");
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(NotificationServers.smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                .anyMatch(a -> a.toString().contains(address));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, String id) {
        return one(sql, id).getLong(0);
    }

    private Row one(String sql, String id) {
        var rows = pool.preparedQuery(sql)
                .execute(Tuple.of(UUID.fromString(id)))
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    private void execute(String sql, Object... values) {
        pool.preparedQuery(sql)
                .execute(Tuple.from(values))
                .toCompletionStage()
                .toCompletableFuture()
                .join();
    }
}
