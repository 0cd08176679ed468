/**
 * The HTTP edge shared by every feature: problem+json for every error, strict JSON, query parameters parsed into 400s rather than 404s.
 */
package org.complaintledger.web;
