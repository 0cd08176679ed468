package org.complaintledger.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintEvent;
import org.complaintledger.complaint.CompletionOutcome;
import org.complaintledger.complaint.Location;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.complaint.codec.ComplaintEventCodec;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.ledger.EventEnvelope;
import org.postgresql.PGConnection;

/**
 * Fills a ledger database with correctly hash-chained complaint histories for the benchmarks, with COPY.
 * usage: GenerateLedger JDBC_URL EVENTS [complete|due]: complete histories (eleven events each, filing to
 * acceptance), or complaints dispatched months ago (six events each) whose follow-up and resolution deadlines are due.
 */
public final class GenerateLedger {

    private static final List<String> AGENCIES = List.of("dinas-pupr", "dinkes", "disdik", "dishub", "disdukcapil");
    private static final ComplaintEventCodec CODEC = new ComplaintEventCodec();

    private GenerateLedger() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long wanted = Long.parseLong(args[1]);
        boolean due = args.length > 2 && args[2].equals("due");
        int perComplaint = due ? 6 : 11;
        int complaints = (int) Math.ceil(wanted / (double) perComplaint);
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            var copy = ((PGConnection) connection.unwrap(PGConnection.class)).getCopyAPI();
            int chunk = 5_000;
            for (int from = 0; from < complaints; from += chunk) {
                int to = Math.min(complaints, from + chunk);
                String csv = IntStream.range(from, to)
                        .parallel()
                        .mapToObj(n -> history(n, due))
                        .collect(Collectors.joining());
                copy.copyIn(
                        "COPY events (stream_id, stream_version, event_id, type, schema_version, occurred_at, "
                                + "recorded_at, actor, data, metadata, previous_hash, hash) FROM STDIN WITH (FORMAT csv)",
                        new StringReader(csv));
            }
        }
        System.out.printf(
                "generated %d complaints, %d events in %.1f s%n",
                complaints, complaints * (long) perComplaint, (System.nanoTime() - started) / 1e9);
    }

    private static String history(int n, boolean due) {
        UUID id = UUID.randomUUID();
        Instant t = Instant.parse("2026-01-05T02:00:00Z")
                .plus(n % 300, ChronoUnit.DAYS)
                .plusMillis(n);
        String agency = AGENCIES.get(n % AGENCIES.size());
        Actor citizen = Actor.citizen("warga-" + n);
        Actor operator = Actor.operator("op-1");
        Actor officer = Actor.officer("officer-" + agency, agency);
        String code = id.toString().replace("-", "").toUpperCase();
        List<ComplaintEvent> events = List.of(
                new ComplaintEvent.Submitted(
                        id,
                        t,
                        citizen,
                        "LPR-" + code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8, 12),
                        ReportType.COMPLAINT,
                        "INFRASTRUCTURE",
                        Channel.WEB,
                        "Jalan berlubang " + n,
                        "Lubang besar dekat pasar, sudah dua minggu.",
                        new Location("Bengkalis", "Bengkalis", "Senggoro", 1.465, 102.1073),
                        false,
                        false,
                        "warga-" + n,
                        null,
                        null),
                new ComplaintEvent.DeadlineSet(
                        id,
                        t,
                        citizen,
                        DeadlineKind.VERIFICATION,
                        t.plus(3, ChronoUnit.DAYS),
                        "lapor-default",
                        1,
                        "3wd",
                        "national",
                        0),
                new ComplaintEvent.DeadlineSet(
                        id,
                        t,
                        citizen,
                        DeadlineKind.RESOLUTION,
                        t.plus(60, ChronoUnit.DAYS),
                        "lapor-default",
                        1,
                        "P60D",
                        "national",
                        0),
                new ComplaintEvent.Verified(id, t.plusSeconds(3600), operator, "INFRASTRUCTURE", ReportType.COMPLAINT),
                new ComplaintEvent.Dispatched(id, t.plusSeconds(3600), operator, agency, null),
                new ComplaintEvent.DeadlineSet(
                        id,
                        t.plusSeconds(3600),
                        operator,
                        DeadlineKind.FOLLOW_UP,
                        t.plus(7, ChronoUnit.DAYS),
                        "lapor-default",
                        1,
                        "5wd",
                        "national",
                        0),
                new ComplaintEvent.Acknowledged(id, t.plusSeconds(7200), officer, agency),
                new ComplaintEvent.FollowUpPosted(
                        id, t.plusSeconds(86_400), officer, agency, "Sudah diperbaiki.", null),
                new ComplaintEvent.DeadlineSet(
                        id,
                        t.plusSeconds(86_400),
                        officer,
                        DeadlineKind.COMPLAINANT_RESPONSE,
                        t.plus(15, ChronoUnit.DAYS),
                        "lapor-default",
                        1,
                        "10wd",
                        "national",
                        0),
                new ComplaintEvent.ComplainantAccepted(id, t.plusSeconds(90_000), citizen, 1 + n % 5, null),
                new ComplaintEvent.Completed(id, t.plusSeconds(90_000), citizen, CompletionOutcome.ACCEPTED));
        if (due) {
            events = events.subList(0, 6);
        }
        StringBuilder csv = new StringBuilder(events.size() * 700);
        String previous = EventEnvelope.GENESIS_HASH;
        int version = 0;
        for (ComplaintEvent event : events) {
            var encoded = CODEC.encode(event);
            EventEnvelope envelope = EventEnvelope.sealed(
                    id,
                    ++version,
                    UUID.randomUUID(),
                    encoded.type(),
                    encoded.schemaVersion(),
                    encoded.occurredAt(),
                    encoded.occurredAt().plusMillis(5),
                    encoded.actor(),
                    encoded.data(),
                    previous);
            previous = envelope.hash();
            csv.append(id)
                    .append(',')
                    .append(version)
                    .append(',')
                    .append(envelope.eventId())
                    .append(',')
                    .append(envelope.type())
                    .append(',')
                    .append(envelope.schemaVersion())
                    .append(',')
                    .append(envelope.occurredAt())
                    .append(',')
                    .append(envelope.recordedAt())
                    .append(',')
                    .append(quoted(envelope.hashedObject().get("actor").toString()))
                    .append(',')
                    .append(quoted(envelope.data().toString()))
                    .append(",{},")
                    .append(envelope.previousHash())
                    .append(',')
                    .append(envelope.hash())
                    .append('\n');
        }
        return csv.toString();
    }

    private static String quoted(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
