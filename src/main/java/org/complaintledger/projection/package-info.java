/**
 * The read side's engine: a processor per projection that reads the gap-free feed in segments claimed by running instances, and applies each batch with its checkpoint in one transaction; rebuilds, lag and readiness.
 */
package org.complaintledger.projection;
