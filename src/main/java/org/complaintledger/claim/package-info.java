/**
 * Complainants without an account stay participants (issue 16): whoever filed at a desk, by WhatsApp, by SMS or
 * through Open311 claims their complaint with its tracking number and the receipt's claim code (or a one-time code
 * sent to the contact on file) and receives a short-lived citizen token scoped to that one complaint, with which
 * they clarify, accept, object, appeal and withdraw like an account holder. Codes are kept only as HMACs; wrong codes
 * lock a tracking number for a while, with the same answers whether or not it names a complaint.
 */
package org.complaintledger.claim;
