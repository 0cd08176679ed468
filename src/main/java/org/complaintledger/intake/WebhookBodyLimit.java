package org.complaintledger.intake;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.complaintledger.web.BodyLimit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The providers' webhooks take more than the API's 64K (Meta batches many messages in one body) and less than an
 * upload: {@code ledger.intake.max-body-size}, 1 MB by default. {@link BodyLimit} refuses a larger body with 413
 * before a byte of it is read or its signature checked.
 */
@Singleton
public class WebhookBodyLimit {

    @ConfigProperty(name = "ledger.intake.max-body-size", defaultValue = "1M")
    MemorySize limit;

    void install(@Observes Router router) {
        long max = limit.asLongValue();
        router.routeWithRegex(HttpMethod.POST, "/webhooks/(whatsapp|sms)/?")
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2)
                .handler(context -> {
                    context.put(BodyLimit.ROUTE_LIMIT, max);
                    context.next();
                });
    }
}
