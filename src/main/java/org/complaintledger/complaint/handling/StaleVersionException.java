package org.complaintledger.complaint.handling;

/** The caller's If-Match names a version the complaint has moved past: answered 412, nothing written. */
public class StaleVersionException extends RuntimeException {

    /** Its problem code, answered to the client and counted in the command metrics. */
    public static final String CODE = "request.version-conflict";

    public StaleVersionException(long expected) {
        super(
                "The complaint is no longer at version " + expected + " as If-Match expects; read it again",
                null,
                false,
                false);
    }
}
