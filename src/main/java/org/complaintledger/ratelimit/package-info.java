/**
 * Limits on what one client may ask of the service (issue 18, "cheap requests, expensive queries"): token buckets per
 * client address for the anonymous endpoints and filing, and per subject for filing (per minute, hour and day), each
 * answered 429 problem+json with Retry-After when spent. The address is the connection's, or the one a trusted proxy
 * forwards ({@code quarkus.http.proxy.*}); a client's own X-Forwarded-For is never believed.
 */
package org.complaintledger.ratelimit;
