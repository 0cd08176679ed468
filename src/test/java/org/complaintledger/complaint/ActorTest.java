package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActorTest {

    @Test
    void roles_have_the_wire_names_of_the_jwt_groups_claim() {
        assertThat(Role.CITIZEN.wireName()).isEqualTo("citizen");
        assertThat(Role.OPERATOR.wireName()).isEqualTo("operator");
        assertThat(Role.AGENCY_OFFICER.wireName()).isEqualTo("agency-officer");
        assertThat(Role.OMBUDSMAN.wireName()).isEqualTo("ombudsman");
        assertThat(Role.AUDITOR.wireName()).isEqualTo("auditor");
        assertThat(Role.SYSTEM.wireName()).isEqualTo("system");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void a_role_reads_back_from_its_wire_name(Role role) {
        assertThat(Role.fromWireName(role.wireName())).isEqualTo(role);
    }

    @Test
    void an_unknown_wire_name_is_refused() {
        assertThatThrownBy(() -> Role.fromWireName("AGENCY_OFFICER")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_system_actor_is_the_one_the_hash_chain_format_names() {
        assertThat(Actor.SYSTEM).isEqualTo(new Actor("system", Role.SYSTEM, null));
    }

    @Test
    void an_officer_always_acts_for_an_agency() {
        assertThatThrownBy(() -> new Actor("officer-1", Role.AGENCY_OFFICER, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Actor.officer("officer-1", "dinas-pupr").agency()).isEqualTo("dinas-pupr");
    }

    @Test
    void only_officers_carry_an_agency() {
        assertThatThrownBy(() -> new Actor("op-1", Role.OPERATOR, "dinas-pupr"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_actor_needs_a_subject() {
        assertThatThrownBy(() -> new Actor(" ", Role.CITIZEN, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
