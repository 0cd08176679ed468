package org.complaintledger.intake;

import static org.complaintledger.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import org.assertj.core.api.Assertions;
import org.complaintledger.support.Api;
import org.complaintledger.support.Events;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** A client names only the channel it is: WHATSAPP and SMS_1708 come from the adapters, never from a claim. */
@QuarkusTest
class ChannelIsAFactTest {

    @Inject
    Pool pool;

    private static String claiming(String channel) {
        return Api.complaint("Siti Aminah", false, false).replace("\"WEB\"", "\"" + channel + "\"");
    }

    @Test
    void a_citizen_files_through_the_web_or_an_app_and_claims_no_other_channel() {
        as(Tokens.citizen("warga-kanal"))
                .body(claiming("MOBILE_APP"))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .body("channel", equalTo("MOBILE_APP"));
        long before = Events.total(pool);
        for (String claimed :
                new String[] {"WHATSAPP", "SMS_1708", "WALK_IN", "PHONE", "LETTER", "OPEN311", "LAPOR_SYNC"}) {
            as(Tokens.citizen("warga-kanal"))
                    .body(claiming(claimed))
                    .post("/api/complaints")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("channel"));
        }
        Assertions.assertThat(Events.total(pool)).isEqualTo(before);
    }

    @Test
    void an_operator_files_at_a_desk_and_claims_no_citizen_or_adapter_channel() {
        as(Tokens.operator())
                .body(claiming("PHONE"))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .body("channel", equalTo("PHONE"));
        long before = Events.total(pool);
        for (String claimed : new String[] {"WEB", "MOBILE_APP", "WHATSAPP", "SMS_1708", "OPEN311", "LAPOR_SYNC"}) {
            as(Tokens.operator())
                    .body(claiming(claimed))
                    .post("/api/complaints")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("channel"));
        }
        Assertions.assertThat(Events.total(pool)).isEqualTo(before);
    }
}
