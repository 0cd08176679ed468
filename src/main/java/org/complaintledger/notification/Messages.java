package org.complaintledger.notification;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a message in the recipient's language from {@code templates/notification/<message>.<language>.txt}
 * (Qute): the first line is the subject, the rest the body.
 */
@ApplicationScoped
public class Messages {

    /** The details a template may use, in the order WhatsApp templates receive them after the tracking number. */
    static final List<String> DETAILS =
            List.of("agencyId", "reason", "cause", "code", "status", "deadline", "dueAt", "count", "items");

    public record Rendered(String subject, String body, List<String> parameters) {}

    @Inject
    Engine engine;

    public Rendered render(Message message, Language language, Map<String, String> params) {
        Template template = engine.getTemplate("notification/" + message.key() + "." + language.code() + ".txt");
        if (template == null) {
            throw new IllegalStateException("no template for " + message.key() + " in " + language.code());
        }
        Map<String, Object> data = new HashMap<>();
        data.put("trackingNumber", params.getOrDefault("trackingNumber", ""));
        DETAILS.forEach(key -> data.put(key, params.getOrDefault(key, "")));
        String text = template.data(data).render().strip();
        int newline = text.indexOf('\n');
        String subject = newline < 0 ? text : text.substring(0, newline).strip();
        String body = newline < 0 ? text : text.substring(newline + 1).strip();
        List<String> parameters = new ArrayList<>();
        parameters.add(params.getOrDefault("trackingNumber", ""));
        DETAILS.stream().filter(params::containsKey).forEach(key -> parameters.add(params.get(key)));
        return new Rendered(subject, body, parameters);
    }
}
