/**
 * The complaint-views read model: one row per complaint with its read-model document ({@link org.complaintledger.complaint.ComplaintSummary}, the read side's own versioned fold of the events, never the decider's state) and the columns the queues, lists, tracking and statistics query, and the running deadlines the scheduler picks from.
 */
package org.complaintledger.view;
