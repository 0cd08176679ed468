package org.complaintledger.complaint;

/** Where the problem is; coordinates are optional because most channels (SMS, letter) have none. */
public record Location(String regency, String district, String village, Double latitude, Double longitude) {}
