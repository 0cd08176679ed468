package org.complaintledger.complaint.handling;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Something another feature records about a filing before its Submit is appended, such as how the complainant wants
 * to be told (the notification feature). The complaint feature only calls its implementations (CDI beans), so
 * dependencies keep pointing at the complaint, never from it. A step runs after the filing rules and the category
 * check passed; if the Submit then fails, what the step wrote belongs to a complaint that never came to be.
 */
public interface FilingStep {

    /** Records what the step needs of {@code application}, filed as the complaint {@code complaintId}. */
    Uni<Void> beforeSubmit(UUID complaintId, Filing.Application application);
}
