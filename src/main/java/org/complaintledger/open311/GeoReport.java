package org.complaintledger.open311;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.time.Instant;
import java.util.List;

/**
 * The documents of GeoReport v2 and of FixMyStreet's update extension, with the field and element names of those
 * specifications. A list answers as a bare JSON array, and in XML inside the root element the specification names
 * ({@code <services><service>}, {@code <service_requests><request>} …): the roots below exist for XML only. A field
 * the specification marks "may not be returned" is left out when we have nothing for it.
 */
public final class GeoReport {

    private GeoReport() {}

    /** A document the XML writer serializes; its root element is the one the specification names. */
    public interface XmlRoot {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(
            String serviceCode,
            String serviceName,
            String description,
            boolean metadata,
            String type,
            String keywords,
            String group) {}

    @JacksonXmlRootElement(localName = "services")
    public record Services(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "service")
            List<Service> services)
            implements XmlRoot {}

    /** No service has metadata, so a definition names its service and no attributes. */
    @JacksonXmlRootElement(localName = "service_definition")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ServiceDefinition(
            String serviceCode,

            @JacksonXmlElementWrapper(localName = "attributes") @JacksonXmlProperty(localName = "attribute")
            List<Object> attributes)
            implements XmlRoot {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceRequest(
            String serviceRequestId,
            String status,
            String statusNotes,
            String serviceName,
            String serviceCode,
            String description,
            String agencyResponsible,
            Instant requestedDatetime,
            Instant updatedDatetime,
            Instant expectedDatetime,
            String address,
            Double lat,
            @JsonProperty("long") Double longitude,
            /* the complaint's first public file (GeoReport's media_url), served by the attachment endpoint */
            String mediaUrl) {

        /** What the public may know of a confidential complaint: that it exists under this id, and its status. */
        static ServiceRequest statusOnly(String serviceRequestId, String status) {
            return new ServiceRequest(
                    serviceRequestId, status, null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /** The answer to a filing: always an id, never a token, because every service is realtime. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Created(String serviceRequestId, String serviceNotice) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Token(String serviceRequestId, String token) {}

    @JacksonXmlRootElement(localName = "service_requests")
    public record ServiceRequests(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "request")
            List<?> requests) implements XmlRoot {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Update(
            String updateId, String serviceRequestId, String status, Instant updatedDatetime, String description) {}

    @JacksonXmlRootElement(localName = "service_request_updates")
    public record Updates(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "request_update")
            List<Update> updates)
            implements XmlRoot {}

    public record Error(int code, String description) {}

    @JacksonXmlRootElement(localName = "errors")
    public record Errors(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "error")
            List<Error> errors) implements XmlRoot {}

    @JacksonXmlRootElement(localName = "discovery")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Discovery(
            String changeset,
            String contact,
            String keyService,

            @JacksonXmlElementWrapper(localName = "endpoints") @JacksonXmlProperty(localName = "endpoint")
            List<Endpoint> endpoints)
            implements XmlRoot {}

    public record Endpoint(
            String specification,
            String url,
            String changeset,
            String type,

            @JacksonXmlElementWrapper(localName = "formats") @JacksonXmlProperty(localName = "format")
            List<String> formats) {}
}
