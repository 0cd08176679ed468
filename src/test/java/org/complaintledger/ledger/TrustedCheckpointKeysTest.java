package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.ledger.LedgerProbe.awaitSequenced;
import static org.complaintledger.ledger.LedgerProbe.rows;
import static org.complaintledger.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.complaintledger.support.Api;
import org.complaintledger.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints prove something only when signed by a key the verifier was given out of band (issue 18, High 3): the
 * service's own, or one pinned in {@code ledger.signing.trusted-keys} (the tests pin the repository's demo key). A key
 * a forger registers in {@code ledger_signing_keys} is not trusted for being there. Every checkpoint is also copied to
 * the witness file.
 */
@QuarkusTest
class TrustedCheckpointKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Test
    void a_checkpoint_signed_by_a_key_the_forger_registered_in_the_database_is_reported_untrusted() throws Exception {
        KeyPair forger = KeyPairGenerator.getInstance(LedgerSigner.ALGORITHM).generateKeyPair();
        try (Forged forged = forge(
                forger.getPrivate(),
                LedgerSigner.pem("PUBLIC KEY", forger.getPublic().getEncoded()))) {
            verifyLedger()
                    .body("valid", equalTo(false))
                    .body("firstInvalid", equalTo(null))
                    .body("invalidCheckpoint.ledgerSeq", equalTo((int) forged.ledgerSeq))
                    .body("invalidCheckpoint.reason", equalTo("untrusted-key"));
        }
        verifyLedger().body("valid", equalTo(true));
    }

    @Test
    void a_checkpoint_signed_by_a_key_pinned_in_configuration_verifies() throws Exception {
        PrivateKey demo = LedgerSigner.fromPem(
                        Files.readString(Path.of("src/test/resources/repository-keys/ledger-signing-demo.pem")))
                .getPrivate();
        String demoPublic = LedgerSigner.publicKeyPemOf(
                Files.readString(Path.of("src/test/resources/repository-keys/ledger-signing-demo.pem")));
        try (Forged signed = forge(demo, demoPublic)) {
            verifyLedger().body("valid", equalTo(true)).body("invalidCheckpoint", equalTo(null));
            assertThat(signed.ledgerSeq).isPositive();
        }
    }

    @Test
    void every_checkpoint_the_service_signs_is_copied_to_the_witness_file() throws Exception {
        UUID complaint = UUID.fromString(Api.file("warga-saksi"));
        long seq = awaitSequenced(pool, complaint).getLast();
        Path witness = Path.of(ConfigProvider.getConfig().getValue("ledger.signing.witness.file", String.class));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            var stored = rows(
                    pool,
                    "SELECT ledger_seq, chain_hash, key_id, signature FROM ledger_checkpoints "
                            + "WHERE ledger_seq >= $1 ORDER BY ledger_seq LIMIT 1",
                    Tuple.of(seq));
            List<String> lines = Files.exists(witness) ? Files.readAllLines(witness) : List.of();
            if (!stored.isEmpty()) {
                var checkpoint = stored.getFirst();
                JsonNode copied = lines.stream()
                        .map(TrustedCheckpointKeysTest::json)
                        .filter(line -> line.get("ledgerSeq").asLong() == checkpoint.getLong("ledger_seq"))
                        .findFirst()
                        .orElse(null);
                if (copied != null) {
                    assertThat(copied.get("hash").asText()).isEqualTo(checkpoint.getString("chain_hash"));
                    assertThat(copied.get("keyId").asText()).isEqualTo(checkpoint.getString("key_id"));
                    assertThat(copied.get("signature").asText()).isEqualTo(checkpoint.getString("signature"));
                    // only appended: the lines stay in ledger order, each once
                    List<Long> seqs = lines.stream()
                            .map(line -> json(line).get("ledgerSeq").asLong())
                            .toList();
                    assertThat(seqs).isSorted().doesNotHaveDuplicates();
                    return;
                }
            } else {
                Api.file("warga-saksi-pengisi"); // more events, so that a checkpoint comes due
            }
            assertThat(Instant.now())
                    .as("a checkpoint at or after %d in the witness", seq)
                    .isBefore(deadline);
            Thread.sleep(300);
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A checkpoint at a ledger position that has none, over the true chain hash, signed with {@code key} and written
     * as the database's superuser with its key registered; removed again on close.
     */
    private Forged forge(PrivateKey key, String publicKeyPem) throws Exception {
        UUID complaint = UUID.fromString(Api.file("warga-checkpoint-palsu"));
        List<Long> seqs = awaitSequenced(pool, complaint);
        String keyId = LedgerSigner.keyIdOf(LedgerSigner.publicKey(publicKeyPem));
        var connection = DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class), "postgres", "");
        try (var insertKey = connection.prepareStatement(
                "INSERT INTO ledger_signing_keys (key_id, public_key) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insertKey.setString(1, keyId);
            insertKey.setString(2, publicKeyPem);
            insertKey.executeUpdate();
        }
        for (long seq : seqs) {
            String chainHash = rows(pool, "SELECT chain_hash FROM ledger_chain WHERE ledger_seq = $1", Tuple.of(seq))
                    .getFirst()
                    .getString(0);
            Instant signedAt = EventEnvelope.millis(Instant.now());
            Signature signature = Signature.getInstance(LedgerSigner.ALGORITHM);
            signature.initSign(key);
            signature.update(LedgerSigner.message(seq, chainHash, signedAt));
            try (var insert = connection.prepareStatement(
                    "INSERT INTO ledger_checkpoints (ledger_seq, chain_hash, signed_at, key_id, signature) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setLong(1, seq);
                insert.setString(2, chainHash);
                insert.setObject(3, signedAt.atOffset(java.time.ZoneOffset.UTC));
                insert.setString(4, keyId);
                insert.setString(5, Base64.getEncoder().encodeToString(signature.sign()));
                if (insert.executeUpdate() == 1) {
                    return new Forged(connection, seq, keyId);
                }
            }
        }
        connection.close();
        throw new AssertionError("every position of the complaint already had a checkpoint");
    }

    private record Forged(java.sql.Connection connection, long ledgerSeq, String keyId) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try (connection;
                    var statement = connection.createStatement()) {
                // the append-only triggers hold for the superuser too; it lifts them for its own session only
                statement.execute("SET session_replication_role = replica");
                statement.execute("DELETE FROM ledger_checkpoints WHERE ledger_seq = " + ledgerSeq);
                statement.execute("DELETE FROM ledger_signing_keys k WHERE k.key_id = '" + keyId
                        + "' AND NOT EXISTS (SELECT 1 FROM ledger_checkpoints c WHERE c.key_id = k.key_id)");
            }
        }
    }

    private static ValidatableResponse verifyLedger() {
        return as(Tokens.auditor()).get("/api/ledger/verify").then().statusCode(200);
    }
}
