package org.complaintledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.resteasy.reactive.jackson.runtime.serialisers.ServerJacksonMessageBodyReader;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A JSON body is UTF-8 (RFC 8259), and bytes that are not are refused rather than guessed at. Jackson's own decoder
 * takes overlong forms: the bytes C0 AF arrived as "/" and were recorded, which is how filters are slipped past.
 * The body is at most the 64K the server accepts and already in memory, so checking it first costs one pass.
 *
 * <p>Quarkus's Jackson reader with the check in front, rather than a {@code ReaderInterceptor}: with any reader
 * interceptor registered, RESTEasy Reactive asks the resource method for its parameters' annotations on every request,
 * which Java parses anew each time ({@code Method.getParameterAnnotations}): 1.6 % of a filing's CPU (BENCHMARKS.md,
 * "session 4").
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class Utf8JsonReader extends ServerJacksonMessageBodyReader {

    @Inject
    public Utf8JsonReader(Instance<ObjectMapper> mapper) {
        super(mapper);
    }

    @Override
    public Object readFrom(
            Class<Object> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream)
            throws IOException {
        byte[] body = entityStream.readAllBytes();
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new ProblemException(
                    Problem.of(400, "request.malformed-json", "The request body is not valid UTF-8"));
        }
        return super.readFrom(type, genericType, annotations, mediaType, httpHeaders, new ByteArrayInputStream(body));
    }
}
