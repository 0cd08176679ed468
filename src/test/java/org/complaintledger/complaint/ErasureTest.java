package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import java.util.List;
import org.complaintledger.complaint.ComplaintCommand.ErasePersonalData;
import org.complaintledger.complaint.ComplaintEvent.PersonalDataErased;
import org.complaintledger.complaint.ComplaintEvent.Submitted;
import org.junit.jupiter.api.Test;

class ErasureTest {

    @Test
    void the_complainant_erases_their_own_data_in_any_status() {
        for (List<ComplaintEvent> history : List.of(filed(), inProgress(), completed())) {
            given(history)
                    .when(new ErasePersonalData(ID, CITIZEN, NOW, "UU PDP art. 8"))
                    .then(new PersonalDataErased(ID, NOW, CITIZEN, CITIZEN.subject(), "UU PDP art. 8"));
        }
    }

    @Test
    void the_operator_erases_on_the_complainants_written_request() {
        given(dispatched())
                .when(new ErasePersonalData(ID, OPERATOR, NOW, "letter of 2026-03-15"))
                .then(new PersonalDataErased(ID, NOW, OPERATOR, CITIZEN.subject(), "letter of 2026-03-15"));
    }

    @Test
    void another_citizen_may_not() {
        given(filed()).when(new ErasePersonalData(ID, OTHER_CITIZEN, NOW, null)).thenRejects("complaint.not-owner");
    }

    @Test
    void officers_ombudsman_and_auditors_may_not() {
        for (Actor actor : List.of(OFFICER, OMBUDSMAN, AUDITOR)) {
            given(dispatched())
                    .when(new ErasePersonalData(ID, actor, NOW, null))
                    .thenRejects("complaint.role-not-allowed");
        }
    }

    @Test
    void erased_data_cannot_be_erased_twice() {
        Rejection rejection = given(
                        concat(filed(), new PersonalDataErased(ID, HELD_AT, CITIZEN, CITIZEN.subject(), null)))
                .when(new ErasePersonalData(ID, CITIZEN, NOW, null))
                .thenRejects("complaint.no-personal-data");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void an_anonymous_complaint_filed_without_data_has_nothing_to_erase() {
        Submitted s = submitted();
        Submitted anonymous = new Submitted(
                ID,
                FILED_AT,
                CITIZEN,
                s.trackingNumber(),
                s.reportType(),
                s.category(),
                s.channel(),
                s.title(),
                s.description(),
                s.location(),
                true,
                false,
                CITIZEN.subject(),
                null,
                null);
        given(List.of(anonymous))
                .when(new ErasePersonalData(ID, CITIZEN, NOW, null))
                .thenRejects("complaint.no-personal-data");
    }

    @Test
    void a_complaint_that_does_not_exist_is_not_found() {
        given(List.of()).when(new ErasePersonalData(ID, OPERATOR, NOW, null)).thenRejects("complaint.not-found");
    }
}
