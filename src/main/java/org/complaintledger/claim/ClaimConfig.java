package org.complaintledger.claim;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code ledger.claims.*}: how long a claim and its token live, and when wrong codes lock a tracking number. */
@ConfigMapping(prefix = "ledger.claims")
public interface ClaimConfig {

    /** How long a citizen token from a claim is good for: a sitting at the web, not an account. */
    @WithDefault("PT30M")
    Duration tokenLifespan();

    /** How long a started claim waits for its code (the one-time code's lifetime too). */
    @WithDefault("PT15M")
    Duration attemptLifespan();

    /** Wrong codes in a row on one tracking number before it is locked. */
    @WithDefault("5")
    int failuresBeforeLock();

    /** How long a tracking number stays locked after too many wrong codes. */
    @WithDefault("PT15M")
    Duration lockDuration();

    /** Where the complainant enters the tracking number and the claim code, printed on the receipt. */
    String link();

    /** The claim token's issuer and audience: this service, never the identity provider's. */
    @WithDefault("urn:complaint-ledger:claims")
    String tokenIssuer();
}
