package org.complaintledger.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A JSON body is UTF-8 (RFC 8259), and bytes that are not are refused rather than guessed at. Jackson's own decoder
 * takes overlong forms: the bytes C0 AF arrived as "/" and were recorded, which is how filters are slipped past.
 * The body is at most the 64K the server accepts and already in memory, so checking it first costs one pass.
 */
@Provider
public class Utf8Bodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type != null && !MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
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
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
