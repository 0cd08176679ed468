/**
 * Where a complaint command meets the framework: Axon wired by hand around the pure decider, the command runner that
 * keeps the API's promises (idempotency keys, If-Match, a lost race decided again) and the reader of a complaint's
 * stored history. It exists so that the decider stays free of Axon, Vert.x and the database, and the REST edge free
 * of event sourcing.
 */
package org.complaintledger.complaint.handling;
