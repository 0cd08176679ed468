/**
 * What an operator relies on, asked of the running application: the health probes, the metrics Prometheus scrapes,
 * and the service's answers when the database is saturated. Grouped here because they test the service as it is run,
 * not any one feature.
 */
package org.complaintledger.operations;
