/**
 * The complaint's REST edge: request bodies and headers checked before any command runs, the detail, history and
 * timeline answers redacted for the caller, and tracking numbers. It exists to keep HTTP (status codes, ETags, JSON
 * shapes, who may see what) out of the domain and its command handling.
 */
package org.complaintledger.complaint.web;
