package org.complaintledger.notification.channel;

import io.smallrye.mutiny.Uni;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.complaintledger.ledger.Waiter;

/** The HTTP providers' shared request: asynchronous, bounded by a timeout, any 2xx is acceptance. */
final class HttpSend {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private HttpSend() {}

    static Uni<Void> send(HttpRequest request) {
        // the answer comes on the HTTP client's thread: back to the sender's context (ledger/Waiter)
        return Waiter.onOwnContext(Uni.createFrom()
                        .completionStage(() -> CLIENT.sendAsync(request, HttpResponse.BodyHandlers.discarding())))
                .onFailure()
                .transform(HttpSend::describe)
                .invoke(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new SendFailure("HTTP " + response.statusCode());
                    }
                })
                .replaceWithVoid();
    }

    private static Throwable describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof SendFailure) {
            return cause;
        }
        if (cause instanceof HttpTimeoutException) {
            return new SendFailure("timeout");
        }
        return new SendFailure("connection failed (" + cause.getClass().getSimpleName() + ")");
    }
}
