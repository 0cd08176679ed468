/**
 * Administration of the regency's reference data (issue 17): agencies and the units inside them, complaint
 * categories, holiday calendars, SLA policies and Open311 keys. Every change is an event in the same ledger as the
 * complaints, on one reference stream per kind, hash-chained, sequenced and verified like a complaint's stream, with
 * the admin as actor; the current tables are written in the same transaction as the event. The rest of the service
 * reads those tables through {@code agency} (categories for filing and Open311, units for an assignment, the default
 * agency of a dispatch) and the deadline policy in force (with its holiday calendar) through
 * {@code deadline.DeadlinePolicies}, which {@link org.complaintledger.reference.PolicyBook} implements: no other
 * package imports this one, which sits above {@code complaint} (it uses {@code ReportType}).
 */
package org.complaintledger.reference;
