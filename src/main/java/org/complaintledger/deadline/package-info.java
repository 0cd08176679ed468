/**
 * Service-level deadlines as policy: a working-day calendar (Monday to Friday minus national holidays and
 * cuti bersama), the rules that turn "3 working days" or "60 calendar days" into an instant, and the versioned
 * policy that the complaint decider records in every {@code deadline-set} event, so that a replay years later
 * shows which rule applied. Pure Java: the scheduler that fires missed deadlines lives at the edge.
 */
package org.complaintledger.deadline;
