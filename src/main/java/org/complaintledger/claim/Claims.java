package org.complaintledger.claim;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.handling.ComplaintHistory;
import org.complaintledger.notification.DeliveryChannel;
import org.complaintledger.notification.DirectMessages;
import org.complaintledger.notification.Language;
import org.complaintledger.notification.Message;
import org.complaintledger.privacy.PersonalData;
import org.complaintledger.privacy.PersonalDataVault;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Claim codes and claims. A code is issued by the operator for a complaint filed without an account and printed on
 * the receipt; only its HMAC is kept. A claim is started for a tracking number and verified once with a code: the
 * answers never tell whether the tracking number names a complaint (a claim is started and refused alike for one that
 * does not), and every wrong code counts against the tracking number, the fifth locking it for a while.
 */
@Singleton
public class Claims {

    /** Channels of a citizen's own account: their complaints are reached by signing in, not by a code. */
    static final Set<Channel> ACCOUNT_CHANNELS = EnumSet.of(Channel.WEB, Channel.MOBILE_APP);

    public static final String TRACKING_NUMBER = "LPR-[A-Z0-9]{4}-[A-Z0-9]{4}(-[A-Z0-9]{4})?";

    /** The code printed on a receipt, with the complaint it belongs to. */
    public record IssuedCode(
            UUID complaintId,
            String trackingNumber,
            String claimCode,
            Instant issuedAt,
            String trackingLink,
            String claimLink) {}

    /** A claim waiting for its code. */
    public record Started(UUID id, String method, Instant expiresAt) {}

    /** A verified claim: the citizen token for the one complaint. */
    public record Granted(String token, String tokenType, UUID complaintId, String trackingNumber, Instant expiresAt) {}

    /** Too many wrong codes for this tracking number: nothing is checked until {@code until}. */
    public static final class Locked extends RuntimeException {
        private final Instant until;

        Locked(Instant until) {
            // the instant stays out of the text (Retry-After carries it), so that every locked answer reads alike
            super(
                    "Too many wrong codes for this tracking number: it is locked for a while; retry after the "
                            + "Retry-After seconds",
                    null,
                    false,
                    false);
            this.until = until;
        }

        public Instant until() {
            return until;
        }
    }

    @Inject
    Pool pool;

    @Inject
    ComplaintHistory history;

    @Inject
    ClaimSecrets secrets;

    @Inject
    ClaimTokens tokens;

    @Inject
    ClaimConfig config;

    @Inject
    PersonalDataVault vault;

    @Inject
    DirectMessages messages;

    @Inject
    Clock clock;

    /** The public tracking page, printed on the receipt and drawn as its QR code (tracking/TrackingResource). */
    @ConfigProperty(name = "ledger.tracking.link")
    String trackingLink;

    /**
     * A new claim code for a complaint filed without an account; the previous one, if any, stops working. The code
     * is answered once and never stored in clear.
     */
    public Uni<IssuedCode> issueCode(UUID complaintId, Actor operator) {
        return history.currentSummary(complaintId).flatMap(complaint -> {
            if (!complaint.exists()) {
                throw new ProblemException(Problem.of(404, "complaint.not-found", "No complaint " + complaintId));
            }
            if (!claimable(complaint)) {
                throw new ProblemException(Problem.of(
                        409,
                        "claim.account-holder",
                        "Complaint " + complaint.trackingNumber() + " was filed through " + complaint.channel()
                                + " by an account holder, who signs in to follow it: no claim code is issued"));
            }
            String code = ClaimCodes.newClaimCode();
            Instant now = clock.instant();
            return pool.preparedQuery("""
                            INSERT INTO claim_codes (complaint_id, code_hmac, issued_by, issued_at)
                            VALUES ($1, $2, $3, $4)
                            ON CONFLICT (complaint_id) DO UPDATE
                               SET code_hmac = excluded.code_hmac, issued_by = excluded.issued_by,
                                   issued_at = excluded.issued_at""")
                    .execute(Tuple.of(
                            complaintId,
                            secrets.codeHmac(complaintId, ClaimCodes.normalise(code)),
                            operator.subject(),
                            utc(now)))
                    .map(done -> new IssuedCode(
                            complaintId,
                            complaint.trackingNumber(),
                            code,
                            now,
                            trackingLink + complaint.trackingNumber(),
                            config.link()));
        });
    }

    /**
     * Starts a claim, answered alike whether or not the tracking number names a complaint. With {@code otp}, a
     * one-time code goes to the contact on file (e-mail if given, else the phone by WhatsApp for a WhatsApp filing
     * or SMS), sent after the answer, so that neither the answer nor its timing says whether there was anyone to send
     * it to.
     */
    public Uni<Started> start(String trackingNumber, String method) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.attemptLifespan());
        Uni<ComplaintSummary> target = !"otp".equals(method)
                ? Uni.createFrom().nullItem()
                : history.complaintFiledAs(trackingNumber)
                        .flatMap(complaintId -> complaintId == null
                                ? Uni.createFrom().<ComplaintSummary>nullItem()
                                : history.currentSummary(complaintId));
        return target.flatMap(complaint -> {
            String code = ClaimCodes.newOneTimeCode();
            boolean sendable = complaint != null && claimable(complaint) && complaint.sealedComplainant() != null;
            String otpHmac = sendable ? secrets.codeHmac(complaint.id(), code) : null;
            return pool.preparedQuery("""
                            INSERT INTO claims (id, tracking_number, method, otp_hmac, created_at, expires_at)
                            VALUES ($1, $2, $3, $4, $5, $6)""")
                    .execute(Tuple.of(id, trackingNumber, method, otpHmac, utc(now), utc(expiresAt)))
                    .invoke(done -> {
                        if (sendable) {
                            sendOneTimeCode(complaint, code).subscribe().with(sent -> {}, failure -> {});
                        }
                    })
                    .flatMap(done -> forgetOld(now))
                    .map(done -> new Started(id, method, expiresAt));
        });
    }

    /**
     * Each start clears a few claims and spent locks older than a day, so the tables hold only the recent past
     * without a scheduler of their own; the expires_at index finds them.
     */
    private Uni<Void> forgetOld(Instant now) {
        var dayAgo = utc(now.minus(Duration.ofDays(1)));
        return pool.preparedQuery("""
                        DELETE FROM claims WHERE id IN (SELECT id FROM claims WHERE expires_at < $1 LIMIT 100)""")
                .execute(Tuple.of(dayAgo))
                .flatMap(done -> pool.preparedQuery("""
                                DELETE FROM claim_locks
                                 WHERE updated_at < $1 AND (locked_until IS NULL OR locked_until < $1)""").execute(Tuple.of(dayAgo)))
                .replaceWithVoid();
    }

    private Uni<Boolean> sendOneTimeCode(ComplaintSummary complaint, String code) {
        return vault.open(complaint.complainantId(), complaint.sealedComplainant())
                .flatMap(person -> {
                    PersonalData contact = person.orElse(null);
                    if (contact == null) {
                        return Uni.createFrom().item(false);
                    }
                    Map<String, String> params = Map.of("trackingNumber", complaint.trackingNumber(), "code", code);
                    if (present(contact.email())) {
                        return messages.send(
                                DeliveryChannel.EMAIL, contact.email(), Language.ID, Message.CLAIM_CODE, params);
                    }
                    if (present(contact.phone())) {
                        DeliveryChannel channel = complaint.channel() == Channel.WHATSAPP
                                ? DeliveryChannel.WHATSAPP
                                : DeliveryChannel.SMS;
                        return messages.send(channel, contact.phone(), Language.ID, Message.CLAIM_CODE, params);
                    }
                    return Uni.createFrom().item(false);
                });
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * Checks the code once. Right: the claim is spent, the tracking number's wrong codes are forgotten and the token
     * is issued. Wrong (or no such complaint, or another complaint's code): one more failure on the tracking number,
     * and a {@code claim.wrong-code} refusal that says how many remain.
     */
    public Uni<Granted> verify(UUID claimId, String typedCode) {
        Instant now = clock.instant();
        return pool.preparedQuery("""
                        SELECT c.tracking_number, c.method, c.otp_hmac, l.locked_until
                          FROM claims c LEFT JOIN claim_locks l ON l.tracking_number = c.tracking_number
                         WHERE c.id = $1 AND c.verified_at IS NULL AND c.expires_at > $2""").execute(Tuple.of(claimId, utc(now))).flatMap(rows -> {
            if (rows.size() == 0) {
                throw new ProblemException(Problem.of(
                        404,
                        "claim.not-found",
                        "No claim " + claimId + " awaits a code: it was never started, is used, or expired"));
            }
            Row claim = rows.iterator().next();
            String trackingNumber = claim.getString("tracking_number");
            var lockedUntil = claim.getOffsetDateTime("locked_until");
            if (lockedUntil != null && lockedUntil.toInstant().isAfter(now)) {
                throw new Locked(lockedUntil.toInstant());
            }
            return history.complaintFiledAs(trackingNumber)
                    .flatMap(complaintId -> complaintId == null
                            ? Uni.createFrom().<ComplaintSummary>nullItem()
                            : history.currentSummary(complaintId))
                    .flatMap(
                            complaint -> expectedHmac(complaint, claim.getString("method"), claim.getString("otp_hmac"))
                                    .flatMap(expected -> matches(complaint, expected, typedCode)
                                            ? grant(claimId, trackingNumber, complaint, now)
                                            : fail(trackingNumber, now)));
        });
    }

    private Uni<String> expectedHmac(ComplaintSummary complaint, String method, String otpHmac) {
        if (complaint == null || !claimable(complaint)) {
            return Uni.createFrom().nullItem();
        }
        if ("otp".equals(method)) {
            return Uni.createFrom().item(otpHmac);
        }
        return pool.preparedQuery("SELECT code_hmac FROM claim_codes WHERE complaint_id = $1")
                .execute(Tuple.of(complaint.id()))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("code_hmac"));
    }

    private boolean matches(ComplaintSummary complaint, String expected, String typedCode) {
        // the HMAC is computed even when nothing is expected, so that a missing complaint takes as long as a wrong code
        String typed =
                secrets.codeHmac(complaint == null ? new UUID(0, 0) : complaint.id(), ClaimCodes.normalise(typedCode));
        return expected != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII), typed.getBytes(StandardCharsets.US_ASCII));
    }

    private Uni<Granted> grant(UUID claimId, String trackingNumber, ComplaintSummary complaint, Instant now) {
        // spent in the same statement that checks it is unspent: two verifications racing get one token between them
        return pool.withTransaction(connection -> connection
                .preparedQuery("UPDATE claims SET verified_at = $2 WHERE id = $1 AND verified_at IS NULL")
                .execute(Tuple.of(claimId, utc(now)))
                .flatMap(updated -> {
                    if (updated.rowCount() == 0) {
                        throw new ProblemException(
                                Problem.of(404, "claim.not-found", "Claim " + claimId + " was used already"));
                    }
                    return connection
                            .preparedQuery("DELETE FROM claim_locks WHERE tracking_number = $1")
                            .execute(Tuple.of(trackingNumber));
                })
                .map(done -> {
                    ClaimTokens.Issued issued = tokens.issue(complaint.complainantId(), complaint.id(), now);
                    return new Granted(issued.token(), "Bearer", complaint.id(), trackingNumber, issued.expiresAt());
                }));
    }

    private Uni<Granted> fail(String trackingNumber, Instant now) {
        int allowed = config.failuresBeforeLock();
        Instant lockUntil = now.plus(config.lockDuration());
        // a lock that has run out starts the count afresh
        return pool.preparedQuery("""
                        INSERT INTO claim_locks (tracking_number, failures, locked_until, updated_at)
                        VALUES ($1, 1, CASE WHEN 1 >= $3::integer THEN $4::timestamptz END, $2::timestamptz)
                        ON CONFLICT (tracking_number) DO UPDATE SET
                            failures = CASE WHEN claim_locks.locked_until <= $2::timestamptz THEN 1
                                            ELSE claim_locks.failures + 1 END,
                            locked_until = CASE WHEN claim_locks.locked_until <= $2::timestamptz THEN NULL
                                                WHEN claim_locks.failures + 1 >= $3::integer THEN $4::timestamptz
                                                ELSE claim_locks.locked_until END,
                            updated_at = $2::timestamptz
                        RETURNING failures, locked_until""")
                .execute(Tuple.of(trackingNumber, utc(now), allowed, utc(lockUntil)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getOffsetDateTime("locked_until") != null) {
                        throw new Locked(row.getOffsetDateTime("locked_until").toInstant());
                    }
                    int left = Math.max(0, allowed - row.getInteger("failures"));
                    throw new ProblemException(Problem.of(
                            403,
                            "claim.wrong-code",
                            "The tracking number and the code do not match; " + left + " more tries before the "
                                    + "tracking number is locked for " + minutes(config.lockDuration()) + " minutes"));
                });
    }

    /** Complaints filed without an account: at a desk, by WhatsApp or SMS, through Open311 or the national sync. */
    static boolean claimable(ComplaintSummary complaint) {
        return !ACCOUNT_CHANNELS.contains(complaint.channel());
    }

    private static long minutes(Duration duration) {
        return Math.max(1, duration.toMinutes());
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
