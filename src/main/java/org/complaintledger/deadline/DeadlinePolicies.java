package org.complaintledger.deadline;

/**
 * The deadline policy in force for a new deadline, by the complaint's category and report type (either may have a
 * policy of its own). Answered from memory, so a command never waits on it; a policy changed by an administrator is
 * in force for deadlines set after the change, and a running deadline keeps the due time it was set with.
 */
public interface DeadlinePolicies {

    DeadlinePolicy inForce(String category, String reportType);
}
