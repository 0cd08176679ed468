/**
 * Work queues: an agency's open complaints and the operator's, most urgent first, coloured by SLA state.
 */
package org.complaintledger.queue;
