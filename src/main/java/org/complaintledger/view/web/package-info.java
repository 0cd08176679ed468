/**
 * The complaint's read endpoints (detail, list, timeline), served from the complaint-views read model with the
 * ledger as the fallback for a client that reads its own write. Internal to {@code view}: no other feature imports it.
 */
package org.complaintledger.view.web;
