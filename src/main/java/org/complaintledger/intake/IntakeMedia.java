package org.complaintledger.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.complaintledger.attachment.Attachments;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.Waiter;
import org.complaintledger.web.CorrelationId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Files sent in a WhatsApp chat, fetched through the Cloud API's media endpoints: {@code GET {base-url}/{media-id}}
 * answers a short-lived {@code url}, which is downloaded with the same bearer token. Media ids stay valid for weeks,
 * the urls for minutes, so the id is what the intake keeps and the bytes are fetched when the complaint exists and
 * are kept as the complainant's own attachment (checked, stripped of metadata and sealed like any upload).
 */
@Singleton
public class IntakeMedia {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private final ObjectMapper json = new ObjectMapper();

    @ConfigProperty(name = "ledger.whatsapp.base-url", defaultValue = "https://graph.facebook.com/v21.0")
    String baseUrl;

    @ConfigProperty(name = "ledger.whatsapp.access-token")
    Optional<String> accessToken;

    @ConfigProperty(name = "ledger.notify.http-timeout", defaultValue = "PT10S")
    Duration timeout;

    @Inject
    Attachments attachments;

    @Inject
    Clock clock;

    /** Fetches the file and attaches it to the complaint as {@code complainant}'s; {@code key} makes it once only. */
    Uni<Void> attach(UUID complaintId, String complainant, InboundMessage.Media media, String caption, String key) {
        // taken now: the download completes on the HTTP client's thread, where the request's context is gone
        String correlationId = Optional.ofNullable(CorrelationId.current())
                .orElseGet(() -> UUID.randomUUID().toString());
        return Waiter.onOwnContext(Uni.createFrom()
                        .completionStage(() -> CLIENT.sendAsync(
                                authorized(URI.create(stripSlash(baseUrl) + "/" + media.id()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("media lookup answered HTTP " + response.statusCode());
                    }
                    try {
                        JsonNode body = json.readTree(response.body());
                        return URI.create(body.path("url").asText());
                    } catch (IOException | IllegalArgumentException e) {
                        throw new IllegalStateException("media lookup answered no url", e);
                    }
                })
                .flatMap(url -> {
                    Path file;
                    try {
                        file = Files.createTempFile("intake-media-", ".bin");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return Waiter.onOwnContext(Uni.createFrom()
                                    .completionStage(() -> CLIENT.sendAsync(
                                            authorized(url).build(), HttpResponse.BodyHandlers.ofFile(file))))
                            .flatMap(response -> {
                                if (response.statusCode() != 200) {
                                    throw new IllegalStateException(
                                            "media download answered HTTP " + response.statusCode());
                                }
                                return attachments.attachFromChat(
                                        complaintId,
                                        complainant,
                                        file,
                                        "whatsapp-" + media.id(),
                                        caption == null ? null : caption.substring(0, Math.min(500, caption.length())),
                                        key,
                                        correlationId,
                                        EventEnvelope.millis(clock.instant()));
                            })
                            .eventually(() -> {
                                try {
                                    Files.deleteIfExists(file);
                                } catch (IOException e) {
                                    // the plain bytes of a chat file must not linger: say so loudly
                                    org.jboss.logging.Logger.getLogger(IntakeMedia.class)
                                            .errorf("Could not delete the temporary copy %s of a chat file", file);
                                }
                            });
                })
                .replaceWithVoid();
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header(
                        "Authorization",
                        "Bearer "
                                + accessToken.orElseThrow(() -> new IllegalStateException(
                                        "ledger.whatsapp.access-token is not set: media cannot be fetched")))
                .GET();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
