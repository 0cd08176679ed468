package org.complaintledger.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** An endpoint someone forgot to annotate: it must be closed, not open (deny-unannotated-endpoints). */
@Path("/test/unannotated")
public class UnannotatedProbeResource {

    @GET
    @org.eclipse.microprofile.openapi.annotations.Operation(hidden = true)
    public String forgotten() {
        return "open to anyone";
    }
}
