/**
 * Who is calling: the bearer token's subject, role and agency as the domain's actor, and demo tokens in dev and test.
 */
package org.complaintledger.security;
