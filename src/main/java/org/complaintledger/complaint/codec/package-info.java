/**
 * The complaint's events as stored JSON: the codec the ledger's engine and the projections read events with, and the
 * upcasters that lift older schema versions on read. Next to the complaint so that {@code ledger} knows no feature.
 */
package org.complaintledger.complaint.codec;
