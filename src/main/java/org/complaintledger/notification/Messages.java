package org.complaintledger.notification;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a message in the recipient's language from {@code templates/notification/<message>.<language>.txt}
 * (Qute, as a plain library: plain text, no escaping; a placeholder the data lacks fails the rendering): the first
 * line is the subject, the rest the body.
 */
@Singleton
public class Messages {

    /**
     * The details a template may use, in the order WhatsApp templates receive them after the tracking number. A new
     * detail goes last, so that the approved templates of the messages that do not use it keep their parameters.
     */
    static final List<String> DETAILS =
            List.of("agencyId", "reason", "cause", "code", "status", "deadline", "dueAt", "count", "items", "outcome");

    public record Rendered(String subject, String body, List<String> parameters) {}

    private final Engine engine =
            Engine.builder().addDefaults().strictRendering(true).build();

    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    public Rendered render(Message message, Language language, Map<String, String> params) {
        TemplateInstance instance = template("notification/" + message.key() + "." + language.code() + ".txt")
                .data("trackingNumber", params.getOrDefault("trackingNumber", ""));
        DETAILS.forEach(key -> instance.data(key, params.getOrDefault(key, "")));
        String text = instance.render().strip();
        int newline = text.indexOf('\n');
        String subject = newline < 0 ? text : text.substring(0, newline).strip();
        String body = newline < 0 ? text : text.substring(newline + 1).strip();
        List<String> parameters = new ArrayList<>();
        parameters.add(params.getOrDefault("trackingNumber", ""));
        DETAILS.stream().filter(params::containsKey).forEach(key -> parameters.add(params.get(key)));
        return new Rendered(subject, body, parameters);
    }

    private Template template(String name) {
        return templates.computeIfAbsent(name, path -> {
            try (InputStream in = Messages.class.getClassLoader().getResourceAsStream("templates/" + path)) {
                if (in == null) {
                    throw new IllegalStateException("no template " + path);
                }
                return engine.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
