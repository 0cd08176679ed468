/**
 * The complaint-views read model: one row per complaint with its folded state and the columns the queues, lists, tracking and statistics query, and the running deadlines the scheduler picks from.
 */
package org.complaintledger.view;
