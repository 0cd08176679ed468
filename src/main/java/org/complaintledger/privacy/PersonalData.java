package org.complaintledger.privacy;

/** What identifies a complainant: stored in events only as ciphertext under the complainant's data key. */
public record PersonalData(String name, String nationalId, String phone, String email, String address) {}
