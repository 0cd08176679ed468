/**
 * What the tests share: REST calls as a frontend makes them, signed test tokens, a clock a test may move, waiting for
 * the read side to catch up, and direct reads of the event table and the metrics. It exists so that each test reads
 * as its scenario and not as plumbing.
 */
package org.complaintledger.support;
