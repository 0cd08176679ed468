/**
 * Open311 GeoReport v2 under {@code /open311/v2}, for the civic-reporting apps that already speak it (FixMyStreet and
 * others): the categories as services, filing through the same command path as every channel (channel
 * {@code OPEN311}, personal data sealed), the public list and lookup of requests with the visibility rules of the
 * rest of the ledger, and FixMyStreet's update feed read straight from the event stream. Answers and errors take the
 * specification's shapes in JSON and XML, never problem+json.
 */
package org.complaintledger.open311;
