package org.complaintledger.view;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.complaintledger.web.Limit;

/** A page of a keyset-paged list, as one {@code @BeanParam}: the cursor the last page returned and its size. */
public record PageParameters(
        @QueryParam("cursor") Cursor cursor,

        @QueryParam("limit") @DefaultValue("50") @Limit.Max(200)
        Limit limit) {

    public int size() {
        return limit == null ? 50 : limit.value();
    }
}
