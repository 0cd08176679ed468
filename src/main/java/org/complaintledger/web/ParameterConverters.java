package org.complaintledger.web;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Path and query parameters of our value types, and of UUIDs, instants and enums, converted so that a bad value is a 400
 * problem that names the parameter. JAX-RS answers a failed conversion of a path or query parameter with a bare 404,
 * as if the resource did not exist; the conversion's {@link ProblemException} reaches {@link ProblemMappers} as the
 * cause of that 404 and is answered instead.
 */
@Provider
public class ParameterConverters implements ParamConverterProvider {

    private static final Pattern UUID_TEXT =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
        String field = name(annotations);
        if (type == DateOrInstant.class) {
            return (ParamConverter<T>) converter(text -> DateOrInstant.parse(field, text));
        }
        if (type == StreamVersion.class) {
            return (ParamConverter<T>) converter(text -> StreamVersion.parse(field, text));
        }
        if (type == Instant.class) {
            return (ParamConverter<T>) converter(text -> instant(field, text));
        }
        if (type == Flag.class) {
            return (ParamConverter<T>) converter(text -> Flag.parse(field, text));
        }
        if (type == Limit.class) {
            int max = Arrays.stream(annotations)
                    .filter(Limit.Max.class::isInstance)
                    .mapToInt(a -> ((Limit.Max) a).value())
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("a Limit parameter declares its @Limit.Max"));
            return (ParamConverter<T>) converter(text -> Limit.parse(field, text, max));
        }
        if (type == UUID.class) {
            return (ParamConverter<T>) converter(text -> uuid(field, text));
        }
        if (type.isEnum()) {
            return (ParamConverter<T>) converter(text -> enumValue(field, text, (Class<? extends Enum>) type));
        }
        return null;
    }

    /**
     * A UUID in its canonical 36-character form. {@link UUID#fromString} also takes "1-2-3-4-5", which then looks
     * like an unknown complaint (404) rather than the malformed id it is.
     */
    public static UUID uuid(String field, String text) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw ProblemException.badRequest(field, "must be a UUID");
        }
        return UUID.fromString(text);
    }

    /** An ISO-8601 instant with an offset: 2026-11-27T10:15:30Z or 2026-11-27T17:15:30.5+07:00. */
    private static Instant instant(String field, String text) {
        try {
            return DateOrInstant.supported(field, OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    field, "must be an ISO-8601 instant with an offset, such as 2026-11-27T10:15:30Z");
        }
    }

    private static <E extends Enum<E>> E enumValue(String field, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An empty value reads as absent, as it did when the parameters were read as text. */
    private static <T> ParamConverter<T> converter(Function<String, T> parse) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String text) {
                return text == null || text.isBlank() ? null : parse.apply(text);
            }

            @Override
            public String toString(T value) {
                throw new UnsupportedOperationException("parameters are only read");
            }
        };
    }

    private static String name(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            String name = switch (annotation) {
                case QueryParam query -> query.value();
                case PathParam path -> path.value();
                case RestQuery query -> query.value();
                case RestPath path -> path.value();
                default -> "";
            };
            if (!name.isEmpty()) {
                return name;
            }
        }
        return "parameter";
    }
}
