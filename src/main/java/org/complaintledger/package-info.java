/**
 * The application's entry point and what only a whole running service needs: {@code LedgerMain} starts it (with an
 * embedded PostgreSQL in dev mode when no database is configured, and refuses to start in production without one),
 * and the dev profile's demo data is filed through the ordinary command path. Every feature lives in a package below.
 */
package org.complaintledger;
