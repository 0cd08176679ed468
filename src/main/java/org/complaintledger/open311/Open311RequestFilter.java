package org.complaintledger.open311;

import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, before routing, what GeoReport's resources never accept: a method other than GET and POST, and a POST
 * body that is not a form (form-encoded, or multipart with a media file). Routing would refuse them too, but before this feature's exception mappers apply, and so
 * as problem+json; here they get the specification's error list like every other mistake under /open311.
 */
@Singleton
public class Open311RequestFilter {

    private static final String PREFIX = "/open311/";

    @ServerRequestFilter(preMatching = true)
    public Optional<RestResponse<Object>> refuse(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String method = request.getMethod();
        if (!List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.POST)
                .contains(method)) {
            return Optional.of(RestResponse.ResponseBuilder.fromResponse(Format.ofPath(path)
                            .errors(
                                    405,
                                    List.of(method + " is not a method of GeoReport v2: use GET, or POST to file")))
                    .header("Allow", "GET, HEAD, OPTIONS, POST")
                    .build());
        }
        MediaType body = request.getMediaType();
        // a form, or a multipart form when the photo comes along (GeoReport's media extension)
        if (method.equals(HttpMethod.POST)
                && (body == null
                        || !(MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(body)
                                || MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(body)))) {
            return Optional.of(Format.ofPath(path)
                    .errors(
                            415,
                            List.of("A service request is posted as application/x-www-form-urlencoded, or as "
                                    + "multipart/form-data with a media file")));
        }
        return Optional.empty();
    }
}
