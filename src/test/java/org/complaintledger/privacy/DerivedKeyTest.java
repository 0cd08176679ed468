package org.complaintledger.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DerivedKeyTest {

    static final String KEK = "ZGV2LW9ubHkta2V5LWVuY3J5cHRpb24ta2V5LTMyYiE=";

    @Test
    void a_derived_key_is_the_hmac_of_its_label_under_the_kek_so_hashes_stored_before_it_existed_still_match()
            throws Exception {
        byte[] derived = hmac(Base64.getDecoder().decode(KEK), "intake-subject-v1");
        String expected = HexFormat.of().formatHex(hmac(derived, "6281234567890"));
        assertThat(DerivedKey.of(KEK, "intake-subject-v1").hex("6281234567890")).isEqualTo(expected);
        // the configured value may carry a line end
        assertThat(DerivedKey.of(KEK + "\n", "intake-subject-v1").hex("6281234567890"))
                .isEqualTo(expected);
    }

    @Test
    void each_purpose_has_its_own_key() {
        assertThat(DerivedKey.of(KEK, "complaint-ledger/claim-code/v1").hex("x"))
                .isNotEqualTo(DerivedKey.of(KEK, "complaint-ledger/complainant-subject/v1")
                        .hex("x"));
    }

    @Test
    void a_legacy_pseudonym_is_stable_names_no_account_and_differs_per_account_and_per_kek() {
        SubjectPseudonyms pseudonyms = new SubjectPseudonyms(KEK, true);
        String pseudonym = pseudonyms.legacy("warga-42");
        assertThat(pseudonym).matches("c-[0-9a-f]{40}").doesNotContain("warga");
        assertThat(pseudonyms.legacy("warga-42")).isEqualTo(pseudonym);
        assertThat(pseudonyms.legacy("warga-43")).isNotEqualTo(pseudonym);
        assertThat(new SubjectPseudonyms(Base64.getEncoder().encodeToString(new byte[32]), true).legacy("warga-42"))
                .isNotEqualTo(pseudonym);
    }

    @Test
    void a_fresh_pseudonym_has_the_same_shape_and_is_never_the_same_twice() {
        SubjectPseudonyms pseudonyms = new SubjectPseudonyms(KEK, true);
        assertThat(pseudonyms.fresh()).matches("c-[0-9a-f]{40}").isNotEqualTo(pseudonyms.fresh());
    }

    @Test
    void the_account_hash_is_keyed_and_is_not_the_legacy_pseudonym() {
        SubjectPseudonyms pseudonyms = new SubjectPseudonyms(KEK, true);
        assertThat(pseudonyms.accountHash("warga-42"))
                .doesNotContain("warga")
                .doesNotContain(pseudonyms.legacy("warga-42").substring(2))
                .isEqualTo(pseudonyms.accountHash("warga-42"));
    }

    private static byte[] hmac(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
