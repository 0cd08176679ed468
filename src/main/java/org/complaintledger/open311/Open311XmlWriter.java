package org.complaintledger.open311;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes GeoReport's XML with Jackson, from the same records and names as its JSON, so the two formats cannot drift
 * apart. Only the specification's documents: nothing else of the API answers in XML.
 */
@Provider
@Produces({"text/xml", "application/xml"})
public class Open311XmlWriter implements MessageBodyWriter<GeoReport.XmlRoot> {

    // the specification asks for the XML declaration with its encoding before the root element
    private static final XmlMapper XML = XmlMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
            // the server owns the response stream
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return GeoReport.XmlRoot.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(
            GeoReport.XmlRoot document,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders,
            OutputStream entityStream)
            throws IOException {
        XML.writeValue(entityStream, document);
    }
}
