package org.complaintledger.open311;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** {@code ledger.open311.*}: what the discovery document says and which jurisdiction this endpoint serves. */
@ConfigMapping(prefix = "ledger.open311")
public interface Open311Config {

    /**
     * The one jurisdiction served, by the specification's convention the jurisdiction's web domain. With one, a client
     * may leave jurisdiction_id out; when it gives one, it must be this.
     */
    @WithDefault("bengkaliskab.go.id")
    String jurisdictionId();

    @WithDefault("SP4N-LAPOR! operator, Dinas Komunikasi dan Informatika Kabupaten Bengkalis")
    String contact();

    @WithDefault("API keys for filing are issued by the SP4N-LAPOR! operator of Kabupaten Bengkalis on request")
    String keyService();

    /** When the service list or definitions last changed: clients refresh what they cached when this moves. */
    @WithDefault("2026-11-27T00:00:00Z")
    String changeset();

    /** {@code production} or {@code test}, as the discovery document's endpoint type. */
    @WithDefault("production")
    String endpointType();

    /**
     * Where clients reach this service, as the discovery document and a filing's Location name it: from
     * configuration, never from the request's Host header, which the caller writes.
     */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /** A filing key registered at start in dev and test only, so that a demo or a test can file without setup. */
    Optional<String> devApiKey();
}
