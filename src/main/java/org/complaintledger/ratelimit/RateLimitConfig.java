package org.complaintledger.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code ledger.rate-limit.*}: how much one client may ask; a limit of 0 switches that bucket off. */
@ConfigMapping(prefix = "ledger.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** Requests per minute from one address to the anonymous endpoints (statistics, tracking, Open311, agencies). */
    @WithDefault("120")
    long publicPerMinute();

    /** Filings per minute from one address, whoever files (an office behind one address files for many). */
    @WithDefault("30")
    long filingPerMinutePerAddress();

    /** A citizen's (a token subject's) filings per minute, per hour and per day. */
    @WithDefault("5")
    long filingPerMinute();

    @WithDefault("30")
    long filingPerHour();

    @WithDefault("100")
    long filingPerDay();

    /** An Open311 client's (an api_key's) filings per hour and per day: one application files for many citizens. */
    @WithDefault("1000")
    long open311KeyPerHour();

    @WithDefault("10000")
    long open311KeyPerDay();

    /**
     * Claim requests (starts and code checks) per minute from one address: with the lock after five wrong codes per
     * tracking number, this bounds guessing across many tracking numbers.
     */
    @WithDefault("10")
    long claimsPerMinutePerAddress();

    /** Clients whose buckets are kept; the least recently seen beyond this start afresh. */
    @WithDefault("100000")
    long trackedClients();
}
