package org.complaintledger.attachment;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.complaintledger.web.BodyLimit;

/**
 * The routes that take a large body: an upload may be as large as a file ({@code ledger.attachments.max-file-size})
 * plus its multipart framing. It tells {@link BodyLimit} so, before BodyLimit refuses larger bodies everywhere else;
 * an upload declared larger than that is refused by BodyLimit as a problem before a byte of it is read.
 */
@Singleton
public class UploadLimit {

    /** Room for the multipart boundaries, part headers, the caption and the audience. */
    static final long FRAMING = 64 * 1024;

    @Inject
    AttachmentSettings settings;

    void install(@Observes Router router) {
        long limit = settings.maxFileSize().asLongValue() + FRAMING;
        router.routeWithRegex(HttpMethod.POST, "/api/complaints/[^/]+/attachments/?")
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2)
                .handler(context -> {
                    context.put(BodyLimit.ROUTE_LIMIT, limit);
                    context.next();
                });
        // Open311's media extension: a filing that brings its photo as a multipart part; a form-encoded filing keeps
        // the small limit
        router.routeWithRegex(HttpMethod.POST, "/open311/v2/requests\\.(json|xml)")
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2)
                .handler(context -> {
                    String type = context.request().getHeader("Content-Type");
                    if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
                        context.put(BodyLimit.ROUTE_LIMIT, limit);
                    }
                    context.next();
                });
    }
}
