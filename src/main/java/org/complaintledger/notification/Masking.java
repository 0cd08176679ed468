package org.complaintledger.notification;

/**
 * The form of an address shown to staff: enough to tell two addresses apart, never enough to use one.
 */
public final class Masking {

    private Masking() {}

    /** {@code pelapor@example.id} → {@code p•••@e•••.id}. */
    public static String email(String email) {
        int at = email.lastIndexOf('@');
        if (at < 1) {
            return "•••";
        }
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String tld = dot < 0 ? "" : domain.substring(dot);
        return email.charAt(0) + "•••@" + (domain.isEmpty() ? "" : domain.charAt(0)) + "•••" + tld;
    }

    /** {@code +62 812 1111 2222} → {@code •••2222}: the last four digits only. */
    public static String phone(String phone) {
        String digits = phone.replaceAll("\\D", "");
        return "•••" + (digits.length() <= 4 ? "" : digits.substring(digits.length() - 4));
    }
}
