package org.complaintledger.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code quarkus.http.limits.max-body-size}, refused as a problem. Quarkus refuses a body whose Content-Length
 * exceeds the limit with an empty 413 from a route of its own, which offers no hook; this route runs just before
 * it, with the same setting, and answers the same refusal as {@code application/problem+json}, so that a frontend
 * can show why. A chunked body (no Content-Length, which browsers do not send for JSON) that runs past the limit is
 * still cut off by Quarkus while it is read, with its empty 413. Vert.x's body handler would catch both, but Quarkus
 * REST does not reliably take a body that handler has already read (tried: empty bodies hung, 64K ones came torn).
 */
@Singleton
public class BodyLimit {

    /**
     * A route that takes larger bodies (an upload) puts its own limit, a {@code Long}, under this key before this
     * route runs. {@code quarkus.http.limits.max-body-size} is then the largest such limit, and {@code
     * ledger.http.max-body-size} the limit for every other route, declared (Content-Length) or read (chunked).
     */
    public static final String ROUTE_LIMIT = "ledger.body-limit";

    /** Where Quarkus keeps the limit that its request-body readers enforce while reading. */
    private static final String QUARKUS_READ_LIMIT = "io.quarkus.max-request-size";

    /** How long, and how many bytes, a refused body is read and dropped before its connection closes. */
    private static final long LINGER_MILLIS = 5_000;

    private static final long LINGER_BYTES = 32L * 1024 * 1024;

    @Inject
    @ConfigProperty(name = "ledger.http.max-body-size", defaultValue = "64K")
    Optional<MemorySize> limit;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        limit.ifPresent(max -> {
            router.route()
                    .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                    .handler(context -> refuseWhenLarger(context, limitOf(context, max.asLongValue())));
            // after Quarkus's own route, which sets its global limit for the readers
            router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(context -> {
                context.put(QUARKUS_READ_LIMIT, limitOf(context, max.asLongValue()));
                context.next();
            });
        });
    }

    private static long limitOf(RoutingContext context, long standard) {
        Long routeLimit = context.get(ROUTE_LIMIT);
        return routeLimit != null ? routeLimit : standard;
    }

    private void refuseWhenLarger(RoutingContext context, long max) {
        if (declaredLength(context) <= max) {
            context.next();
            return;
        }
        Problem problem =
                Problem.of(413, "request.too-large", "The request body is larger than the limit of " + max + " bytes");
        // The unread body would be taken for the next request, so the connection ends with this answer. It ends
        // lingering, as web servers do: a client that sends its whole body before it reads (most do, without
        // Expect: 100-continue) would otherwise get a reset in place of the answer. What it still sends is read and
        // dropped, up to a bound of bytes and time, so the refusal costs a sender no more than it chose to send.
        HttpServerRequest request = context.request();
        long[] drained = {0};
        long timer = context.vertx()
                .setTimer(LINGER_MILLIS, fired -> request.connection().close());
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > LINGER_BYTES) {
                request.connection().close();
            }
        });
        request.endHandler(ended -> {
            context.vertx().cancelTimer(timer);
            request.connection().close();
        });
        request.exceptionHandler(failed -> request.connection().close());
        request.resume();
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .end(Buffer.buffer(bytes(problem)));
    }

    /** The Content-Length the client declared, or -1; Netty has already refused one that is not a number. */
    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private byte[] bytes(Problem problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
