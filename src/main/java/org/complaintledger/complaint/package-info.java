/**
 * The complaint as a pure decider: {@link org.complaintledger.complaint.Complaint#decide} turns a command and the
 * current state into the events that record what happened (or a {@link org.complaintledger.complaint.Rejection}),
 * and {@link org.complaintledger.complaint.Complaint#evolve} folds those events back into state. Roles, ownership and
 * the assigned agency are checked here because they are business rules of SP4N-LAPOR!, not plumbing. Nothing here
 * reads a clock, draws a random id or touches a framework, so replaying a stream years later gives the same state.
 */
package org.complaintledger.complaint;
