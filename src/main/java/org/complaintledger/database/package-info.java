/**
 * A real PostgreSQL from the jar for machines where none is configured, so that the README's commands need nothing but a JDK.
 */
package org.complaintledger.database;
