package org.complaintledger.web;

import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code ?format=csv} (or {@code json}) on an API read, for a link a browser downloads without setting Accept: it
 * becomes the Accept header before routing, so the resource's CSV or JSON method answers. Open311 has its own format.
 */
@Singleton
public class CsvFormatParameter {

    @ServerRequestFilter(preMatching = true)
    public void accept(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!request.getMethod().equals(HttpMethod.GET) || !path.startsWith("/api/")) {
            return;
        }
        String format = request.getUriInfo().getQueryParameters().getFirst("format");
        if (format == null) {
            return;
        }
        String accept = switch (format) {
            case "csv" -> Csv.MEDIA_TYPE;
            case "json" -> MediaType.APPLICATION_JSON;
            default -> throw ProblemException.badRequest("format", "must be csv or json");
        };
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept);
    }
}
