package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.complaintledger.complaint.ComplaintExamples.*;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Walks the sealed hierarchies, so that a new command or event cannot be added without a stored name, a version
 * and a place in decide and evolve.
 */
class SealedHierarchyTest {

    static final List<Class<?>> EVENTS = Arrays.asList(ComplaintEvent.class.getPermittedSubclasses());
    static final List<Class<?>> COMMANDS = Arrays.asList(ComplaintCommand.class.getPermittedSubclasses());

    @Test
    void every_event_record_has_a_distinct_stored_name_and_a_schema_version() {
        Set<String> names = new HashSet<>();
        for (Class<?> event : EVENTS) {
            assertThat(event.isRecord()).as("%s is a record", event).isTrue();
            ComplaintEventType type = ComplaintEventType.of(event.asSubclass(ComplaintEvent.class));
            assertThat(type.wireName()).matches("complaint\\.[a-z-]+");
            assertThat(type.schemaVersion()).isGreaterThanOrEqualTo(1);
            assertThat(names.add(type.wireName()))
                    .as("%s is used once", type.wireName())
                    .isTrue();
            assertThat(ComplaintEventType.fromWireName(type.wireName())).contains(type);
        }
        assertThat(ComplaintEventType.values()).hasSameSizeAs(EVENTS.toArray());
    }

    /**
     * The published names and versions, written out: they are data in the ledger, so renaming a record class (or
     * deriving a name from one) must never change them, and a new version is a deliberate change of this table.
     */
    @Test
    void the_stored_names_and_schema_versions_are_the_published_ones() {
        Map<String, Integer> published = new LinkedHashMap<>();
        for (ComplaintEventType type : ComplaintEventType.values()) {
            published.put(type.wireName(), type.schemaVersion());
        }
        assertThat(published)
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry("complaint.submitted", 1),
                        Map.entry("complaint.clarification-requested", 1),
                        Map.entry("complaint.clarification-provided", 2),
                        Map.entry("complaint.verified", 1),
                        Map.entry("complaint.visibility-changed", 1),
                        Map.entry("complaint.archived", 1),
                        Map.entry("complaint.dispatched", 1),
                        Map.entry("complaint.acknowledged", 1),
                        Map.entry("complaint.declined-by-agency", 1),
                        Map.entry("complaint.redispatched", 1),
                        Map.entry("complaint.follow-up-posted", 2),
                        Map.entry("complaint.complainant-accepted", 2),
                        Map.entry("complaint.complainant-objected", 2),
                        Map.entry("complaint.completed", 1),
                        Map.entry("complaint.withdrawn", 2),
                        Map.entry("complaint.deadline-set", 2),
                        Map.entry("complaint.deadline-missed", 2),
                        Map.entry("complaint.escalated", 2),
                        Map.entry("complaint.review-opened", 1),
                        Map.entry("complaint.finding-recorded", 1),
                        Map.entry("complaint.review-closed", 1),
                        Map.entry("complaint.linked-as-duplicate", 1),
                        Map.entry("complaint.duplicate-link-removed", 1),
                        Map.entry("complaint.personal-data-erased", 1),
                        Map.entry("complaint.message-posted", 1),
                        Map.entry("complaint.question-asked", 1),
                        Map.entry("complaint.question-answered", 2),
                        Map.entry("complaint.progress-posted", 1),
                        Map.entry("complaint.extension-requested", 1),
                        Map.entry("complaint.extension-decided", 1),
                        Map.entry("complaint.assigned-to-unit", 1),
                        Map.entry("complaint.attachment-added", 1),
                        Map.entry("complaint.attachment-redacted", 1),
                        Map.entry("complaint.closed-by-operator", 1),
                        Map.entry("complaint.recommendation-issued", 1),
                        Map.entry("complaint.implementation-reported", 1)));
    }

    @Test
    void an_unknown_stored_name_is_not_guessed() {
        assertThat(ComplaintEventType.fromWireName("complaint.Submitted")).isEmpty();
        assertThat(ComplaintEventType.fromWireName("Submitted")).isEmpty();
    }

    @Test
    void every_event_starts_with_complaint_id_occurred_at_and_actor() {
        for (Class<?> event : EVENTS) {
            assertThat(componentNames(event).subList(0, 3))
                    .as("%s", event.getSimpleName())
                    .containsExactly("complaintId", "occurredAt", "actor");
        }
    }

    @Test
    void every_command_starts_with_complaint_id_actor_and_issued_at() {
        for (Class<?> command : COMMANDS) {
            assertThat(command.isRecord()).as("%s is a record", command).isTrue();
            assertThat(componentNames(command).subList(0, 3))
                    .as("%s", command.getSimpleName())
                    .containsExactly("complaintId", "actor", "issuedAt");
        }
    }

    @Test
    void an_events_type_comes_from_the_registry() throws Exception {
        for (Class<?> event : EVENTS) {
            ComplaintEvent sample = (ComplaintEvent) sample(event, OPERATOR);
            assertThat(sample.eventType().recordType()).isEqualTo(event);
        }
    }

    @Test
    void every_command_is_handled_by_the_decider_with_events_or_a_typed_rejection() throws Exception {
        List<List<ComplaintEvent>> histories = List.of(
                List.of(),
                filed(),
                onHold(),
                dispatched(),
                inProgress(),
                awaitingRedispatch(),
                responded(),
                completed(),
                escalated(),
                underReview(),
                withFinding(),
                reviewed(),
                recommended(),
                archived(),
                archivedAsDuplicate(),
                withdrawn(),
                withAttachment(withFinding()),
                // the sample decision names the second id of the samples; a question is open for the answer
                concat(
                        inProgress(),
                        new ComplaintEvent.ExtensionRequested(
                                ID, ACKNOWLEDGED_AT, OFFICER, ORIGINAL_ID, AGENCY, 1, "x")),
                concat(inProgress(), new ComplaintEvent.QuestionAsked(ID, ACKNOWLEDGED_AT, OFFICER, AGENCY, "?")));
        List<Actor> actors = List.of(CITIZEN, OPERATOR, OFFICER, OMBUDSMAN, AUDITOR, SYSTEM);
        Set<Class<?>> decided = new LinkedHashSet<>();
        for (Class<?> commandType : COMMANDS) {
            for (Actor actor : actors) {
                ComplaintCommand command = (ComplaintCommand) sample(commandType, actor);
                for (List<ComplaintEvent> history : histories) {
                    try {
                        List<ComplaintEvent> events = Complaint.decide(command, state(history), POLICY);
                        assertThat(events)
                                .allMatch(event -> event.complaintId().equals(ID)
                                        && event.occurredAt().equals(NOW));
                        decided.add(commandType);
                    } catch (Rejection expected) {
                        assertThat(expected.code()).startsWith("complaint.");
                    } catch (RuntimeException | Error unexpected) {
                        fail(
                                commandType.getSimpleName() + " by " + actor.role() + " on "
                                        + state(history).status() + " threw " + unexpected,
                                unexpected);
                    }
                }
            }
        }
        assertThat(decided)
                .as("commands that some actor may send in some status")
                .containsExactlyInAnyOrderElementsOf(COMMANDS);
    }

    @Test
    void every_event_is_handled_by_evolve() throws Exception {
        for (Class<?> eventType : EVENTS) {
            ComplaintEvent event = (ComplaintEvent) sample(eventType, OPERATOR);
            Complaint before = event instanceof ComplaintEvent.Submitted
                    ? Complaint.initial(ID)
                    : state(withAttachment(recommended()));
            Complaint after = Complaint.evolve(before, event);
            assertThat(after.version()).as("%s", eventType.getSimpleName()).isEqualTo(before.version() + 1);
        }
    }

    /** Reviewed, with the recommendation sent back to the agency: the state its implementation report needs. */
    private static List<ComplaintEvent> recommended() {
        return concat(
                reviewed(),
                new ComplaintEvent.RecommendationIssued(
                        ID, FINDING_AT, OMBUDSMAN, AGENCY, "Answer within five days", wib("2026-04-15T10:00")));
    }

    /** The history with a file attached under the id that {@link #sample} gives a record's second UUID. */
    private static List<ComplaintEvent> withAttachment(List<ComplaintEvent> history) {
        return concat(
                history,
                new ComplaintEvent.AttachmentAdded(
                        ID,
                        NOW,
                        OPERATOR,
                        ORIGINAL_ID,
                        "0".repeat(64),
                        1,
                        "application/pdf",
                        AttachmentAudience.INTERNAL,
                        null));
    }

    private static List<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
    }

    /** A record filled with plain valid values: the complaint id first, another id after it, true, 1, first constants. */
    private static Object sample(Class<?> record, Actor actor) throws Exception {
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        List<Object> values = new ArrayList<>();
        boolean idGiven = false;
        for (RecordComponent component : components) {
            Class<?> type = component.getType();
            Object value;
            if (type == UUID.class) {
                value = idGiven ? ORIGINAL_ID : ID;
                idGiven = true;
            } else if (type == Actor.class) {
                value = actor;
            } else if (type == Instant.class) {
                value = NOW;
            } else if (type == String.class) {
                value = "sample";
            } else if (type == boolean.class) {
                value = true;
            } else if (type == int.class || type == Integer.class) {
                value = 1;
            } else if (type == LocalDate.class) {
                value = LocalDate.of(2026, 3, 1);
            } else if (type == Location.class) {
                value = LOCATION;
            } else if (type == Principal.class || type == ComplaintCommand.OnBehalf.class) {
                // records of their own (the principal, the on-behalf note), filled like any other record
                value = sample(type, actor);
            } else if (type.isEnum()) {
                value = type.getEnumConstants()[0];
            } else if (type == List.class) {
                Class<?> element =
                        (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
                value = List.of(element.isRecord() ? sample(element, actor) : element.getEnumConstants()[0]);
            } else {
                throw new AssertionError("No sample for " + type + " in " + record.getSimpleName());
            }
            values.add(value);
        }
        Constructor<?> canonical = record.getDeclaredConstructor(types);
        return canonical.newInstance(values.toArray());
    }
}
