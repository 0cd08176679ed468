package org.complaintledger.open311;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The format a client asks for by the resource's extension ({@code services.json}, {@code services.xml}), with the
 * content types the specification gives: UTF-8 JSON, and XML as {@code text/xml}.
 */
enum Format {
    JSON("application/json"),
    XML("text/xml");

    private final String mimeType;
    private final MediaType mediaType;

    Format(String mimeType) {
        this.mimeType = mimeType;
        this.mediaType = MediaType.valueOf(mimeType + ";charset=utf-8");
    }

    static Format of(String extension) {
        return switch (extension) {
            case "json" -> JSON;
            case "xml" -> XML;
            default -> throw Open311Exception.notFound("There is no format '" + extension + "': ask for .json or .xml");
        };
    }

    /** The format an error answers in: the one the path asked for, JSON when it asked for none we serve. */
    static Format ofPath(String path) {
        return path.endsWith(".xml") ? XML : JSON;
    }

    /** The MIME type the discovery document lists. */
    String mimeType() {
        return mimeType;
    }

    /** A list: the bare array in JSON, inside its specification's root element in XML. */
    <T> RestResponse<Object> list(int status, List<T> items, Function<List<T>, GeoReport.XmlRoot> xmlRoot) {
        return document(status, this == XML ? xmlRoot.apply(items) : items);
    }

    /** GeoReport's error list: one entry per problem, each with the HTTP status as its code. */
    RestResponse<Object> errors(int status, List<String> descriptions) {
        return list(
                status,
                descriptions.stream().map(d -> new GeoReport.Error(status, d)).toList(),
                GeoReport.Errors::new);
    }

    /** A document that has the same shape in both formats. */
    RestResponse<Object> document(int status, Object document) {
        return RestResponse.ResponseBuilder.create(status)
                .entity(document)
                .type(mediaType)
                .build();
    }
}
