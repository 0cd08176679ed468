/**
 * Complainants' personal data sealed with a per-complainant data key under the key-encryption key; erasing the key (crypto-shredding) leaves the events intact and their hashes valid.
 */
package org.complaintledger.privacy;
