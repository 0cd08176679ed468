package org.complaintledger.complaint.handling;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.Rejection;
import org.complaintledger.privacy.PersonalDataVault;

/**
 * A complainant's right to erasure: their data key is destroyed first, so that the personal data is unreadable
 * from that moment whatever happens next, and then every complaint they filed records {@code personal-data-erased}.
 * A retry after a failure half-way finds the key gone and completes the records; complaints already erased are
 * reported as such. A filing racing the erasure either sealed under the old key (now unreadable, without the
 * record) or creates a fresh key for data given after the erasure.
 *
 * <p>Last, once every complaint records its erasure, the mapping from the complainant's account to the pseudonym is
 * deleted ({@link ComplainantPseudonyms#forget}): from then on nothing stored links the account to those complaints,
 * and its next request gets a new pseudonym. Done last so that a retry after a failure half-way still finds the
 * complainant by the same pseudonym and completes the records.
 */
@Singleton
public class Erasure {

    public record Result(String subject, boolean keyDestroyed, List<UUID> erased, List<UUID> nothingToErase) {}

    @Inject
    ComplaintHistory history;

    @Inject
    PersonalDataVault vault;

    @Inject
    ComplaintCommandHandler commands;

    @Inject
    ComplainantPseudonyms pseudonyms;

    /** Empty when nothing is known of the subject: no key and no complaint. */
    public Uni<Result> erase(String subject, Actor actor, String reason, Instant now, String correlationId) {
        return history.complaintsFiledFor(subject)
                .flatMap(complaints -> vault.destroyKey(subject).flatMap(destroyed -> {
                    if (!destroyed && complaints.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    var directives = new ComplaintCommandHandler.Directives(
                            null, actor.subject(), null, null, ComplaintCommandHandler.Effect.CHANGED, correlationId);
                    List<UUID> erased = new ArrayList<>();
                    List<UUID> nothingToErase = new ArrayList<>();
                    // one complaint at a time: erasures are rare, and a complainant has a handful of complaints at most
                    return Multi.createFrom()
                            .iterable(complaints)
                            .onItem()
                            .transformToUniAndConcatenate(id -> commands.execute(
                                            new ComplaintCommand.ErasePersonalData(id, actor, now, reason), directives)
                                    .map(outcome -> erased.add(id))
                                    .onFailure(Erasure::nothingLeftToErase)
                                    .recoverWithItem(() -> nothingToErase.add(id)))
                            .collect()
                            .last()
                            .map(ignored ->
                                    new Result(subject, destroyed, List.copyOf(erased), List.copyOf(nothingToErase)));
                }))
                .call(result -> result == null ? Uni.createFrom().voidItem() : pseudonyms.forget(subject));
    }

    private static boolean nothingLeftToErase(Throwable failure) {
        return failure instanceof Rejection rejection && rejection.reason() == Rejection.Reason.NO_PERSONAL_DATA;
    }
}
