/**
 * The auditor's REST edge of the ledger: the whole ledger in order, its signed checkpoints, its verification, and a
 * complaint's history in the documented export format that anyone can verify offline. Separate from the ledger core
 * so that the core stays free of HTTP and of who may read what.
 */
package org.complaintledger.ledger.web;
