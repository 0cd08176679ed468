/**
 * Administration of the regency's reference data (issue 17): agencies and the units inside them, complaint
 * categories, holiday calendars, SLA policies and Open311 keys. Every change is an event in the same ledger as the
 * complaints, on one reference stream per kind, hash-chained, sequenced and verified like a complaint's stream, with
 * the admin as actor; the current tables are written in the same transaction as the event. The rest of the service
 * reads the current state from here: filing validation, Open311's service list, the default agency of a dispatch and
 * the deadline policy (with its holiday calendar) in force for a new deadline.
 */
package org.complaintledger.reference;
