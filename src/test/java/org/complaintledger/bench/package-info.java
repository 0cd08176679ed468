/**
 * Programs the benchmark scripts in {@code bench/} run, not tests: a generator that fills a database with correctly
 * hash-chained histories, and an open-loop workload driver. They live with the tests to reuse the test classpath
 * without shipping in the application.
 */
package org.complaintledger.bench;
