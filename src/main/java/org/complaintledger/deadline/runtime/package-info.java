/**
 * Deadlines at run time: the policy built from configuration, the clock every command reads, and the scheduler on
 * every instance that claims due deadlines for a lease and turns them into idempotent commands. Kept apart from the
 * pure policy in the parent package, which must know nothing of Quarkus, the database or the wall clock.
 */
package org.complaintledger.deadline.runtime;
