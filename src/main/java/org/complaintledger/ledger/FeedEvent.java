package org.complaintledger.ledger;

/** A stored event with its place in the gap-free feed: the inserting transaction and the insert position. */
public record FeedEvent(String tx, long position, EventEnvelope envelope) {}
