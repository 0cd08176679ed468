package org.complaintledger.complaint.handling;

/** The caller's If-Match names a version the complaint has moved past: answered 412, nothing written. */
public class StaleVersionException extends RuntimeException {

    public StaleVersionException(long expected) {
        super("The complaint is no longer at version " + expected + " as If-Match expects; read it again",
                null, false, false);
    }
}
