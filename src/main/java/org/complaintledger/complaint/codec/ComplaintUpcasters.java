package org.complaintledger.complaint.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Brings the stored {@code data} of an older schema version up to the version today's record reads, one published
 * version at a time. Upcasting happens on read only and on a copy: a stored event is never rewritten, because its
 * hash covers its stored form and the ledger keeps it for ever as it was written.
 */
public final class ComplaintUpcasters {

    /** From one published version of a type to the next: JSON in, JSON out, no I/O, no clock, no other event. */
    record Step(String type, int fromVersion, UnaryOperator<ObjectNode> upcast) {}

    private static final List<Step> STEPS = List.of(
            // v2 records the day the agency says it acted; a v1 follow-up never said, and null means "not said"
            new Step("complaint.follow-up-posted", 1, data -> data.putNull("actionTakenOn")),
            // v2 records the holiday calendar the due time was counted with; a v1 deadline did not say which, and
            // null means "not recorded" (the policy id and version still name the rules in force)
            new Step("complaint.deadline-set", 1, data -> {
                data.putNull("calendarId");
                data.putNull("calendarVersion");
                return data;
            }),
            // v2 only widened the kinds (IMPLEMENTATION): every v1 payload is a v2 payload as it stands
            new Step("complaint.deadline-missed", 1, UnaryOperator.identity()),
            // v2 of the complainant's steps names the complainant as principal when the operator recorded the step
            // for them; before v2 only the complainant could take these steps, so a v1 event had no principal
            new Step("complaint.clarification-provided", 1, ComplaintUpcasters::withoutPrincipal),
            new Step("complaint.question-answered", 1, ComplaintUpcasters::withoutPrincipal),
            new Step("complaint.complainant-accepted", 1, ComplaintUpcasters::withoutPrincipal),
            new Step("complaint.complainant-objected", 1, ComplaintUpcasters::withoutPrincipal),
            new Step("complaint.escalated", 1, ComplaintUpcasters::withoutPrincipal),
            new Step("complaint.withdrawn", 1, ComplaintUpcasters::withoutPrincipal));

    private ComplaintUpcasters() {}

    /** A copy of {@code data}, written at version {@code from}, as it would have been written at {@code to}. */
    public static ObjectNode upcast(String type, int from, int to, ObjectNode data) {
        ObjectNode current = data.deepCopy();
        for (int version = from; version < to; version++) {
            current = step(type, version).upcast().apply(current);
        }
        return current;
    }

    private static ObjectNode withoutPrincipal(ObjectNode data) {
        return data.putNull("principal");
    }

    private static Step step(String type, int fromVersion) {
        return STEPS.stream()
                .filter(step -> step.type().equals(type) && step.fromVersion() == fromVersion)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no upcaster from " + type + " v" + fromVersion));
    }
}
