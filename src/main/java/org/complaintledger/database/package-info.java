/**
 * PostgreSQL plumbing the features share: a real PostgreSQL from the jar for machines where none is configured (so
 * that the README's commands need nothing but a JDK), the bounded pool, LISTEN/NOTIFY for caches, batched statements.
 */
package org.complaintledger.database;
