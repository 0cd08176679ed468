package org.complaintledger.open311;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.complaintledger.agency.Agencies;
import org.complaintledger.projection.Projections;
import org.complaintledger.projection.ReadModel;
import org.complaintledger.ratelimit.RateLimiter;
import org.complaintledger.view.ComplaintViewProjector;
import org.complaintledger.view.ComplaintViewQueries;
import org.complaintledger.web.CorrelationId;
import org.complaintledger.web.DatabaseUnavailable;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/**
 * GeoReport v2 (wiki.open311.org/GeoReport_v2) and FixMyStreet's servicerequestupdates, each resource in JSON and
 * XML by its extension. Reads are public, like the tracking lookup; filing needs an api_key. Errors answer in the
 * specification's format, by this class's own exception mappers, never as problem+json.
 */
@Path("/open311/v2")
@Tag(name = "Open311")
@PermitAll
public class Open311Resource {

    private static final Logger LOG = Logger.getLogger(Open311Resource.class);

    private static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    private static final String TRACKING_NUMBER = "LPR-[A-Z0-9]{4}-[A-Z0-9]{4}(-[A-Z0-9]{4})?";

    @Inject
    Open311Config config;

    @Inject
    Agencies agencies;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Open311Filing filing;

    @Inject
    RateLimiter limiter;

    @Inject
    PublishedRequests requests;

    @Inject
    RequestUpdates updates;

    @Inject
    ComplaintViewQueries views;

    @Inject
    Projections projections;

    @Inject
    Clock clock;

    @GET
    @Path("/discovery.{format}")
    @Operation(summary = "Service discovery: the endpoint, its formats and how to get an api_key")
    public RestResponse<Object> discovery(@RestPath String format, UriInfo uri) {
        Format answer = Format.of(format);
        String endpoint =
                UriBuilder.fromUri(config.baseUrl()).path("open311/v2").build().toString();
        return answer.document(
                200,
                new GeoReport.Discovery(
                        config.changeset(),
                        config.contact(),
                        config.keyService(),
                        List.of(new GeoReport.Endpoint(
                                SPECIFICATION,
                                endpoint,
                                config.changeset(),
                                config.endpointType(),
                                Arrays.stream(Format.values())
                                        .map(Format::mimeType)
                                        .toList()))));
    }

    @GET
    @Path("/services.{format}")
    @Operation(summary = "The service list: the complaint categories, each a realtime service without metadata")
    public Uni<RestResponse<Object>> services(
            @RestPath String format, @RestQuery("jurisdiction_id") String jurisdictionId) {
        Format answer = Format.of(format);
        requireJurisdiction(jurisdictionId);
        return agencies.categories()
                .map(categories -> answer.list(
                        200,
                        categories.stream()
                                .filter(c -> !c.retired())
                                .map(c -> new GeoReport.Service(
                                        c.code(),
                                        c.name(),
                                        c.description(),
                                        false,
                                        "realtime",
                                        c.keywords(),
                                        c.group()))
                                .toList(),
                        GeoReport.Services::new));
    }

    @GET
    @Path("/services/{serviceCode}.{format}")
    @Operation(summary = "A service definition: no service has attributes; 404 for an unknown service_code")
    public Uni<RestResponse<Object>> service(
            @RestPath String serviceCode,
            @RestPath String format,
            @RestQuery("jurisdiction_id") String jurisdictionId) {
        Format answer = Format.of(format);
        requireJurisdiction(jurisdictionId);
        return agencies.categoryExists(serviceCode).map(exists -> {
            if (!exists) {
                throw Open311Exception.notFound("service_code '" + serviceCode + "' was not found");
            }
            return answer.document(200, new GeoReport.ServiceDefinition(serviceCode, List.of()));
        });
    }

    @POST
    @Path("/requests.{format}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(
            summary = "File a service request (form-encoded, api_key required)",
            description = "Becomes a complaint with channel OPEN311 through the same command path as every filing; "
                    + "answers its service_request_id, the tracking number. GeoReport's media extension: the same "
                    + "parameters as parts of a multipart/form-data body with at most one file part named media (JPEG, "
                    + "PNG, WebP, HEIC, PDF or MP4, read from its bytes; at most ledger.attachments.max-file-size), "
                    + "which becomes the complaint's public attachment (GET requests answer its media_url); a refused "
                    + "file is 413 or 415 and files nothing")
    public Uni<RestResponse<Object>> file(@RestPath String format, MultivaluedMap<String, String> body, UriInfo uri) {
        return file(format, Open311Filing.Form.of(body), null);
    }

    /**
     * GeoReport's media extension: the same parameters as parts of a multipart/form-data body, and the photo as a
     * file part named {@code media}, which becomes the complaint's first attachment (public, as a complainant's own
     * uploads are), type read from its bytes and metadata stripped, like any upload.
     */
    @POST
    @Path("/requests.{format}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    // one operation in the OpenAPI document with the form-encoded filing: META-INF/openapi.yaml adds this body to it
    @Operation(hidden = true)
    public Uni<RestResponse<Object>> fileWithMedia(@RestPath String format, MultipartFormDataInput input) {
        jakarta.ws.rs.core.MultivaluedHashMap<String, String> fields = new jakarta.ws.rs.core.MultivaluedHashMap<>();
        List<String> problems = new java.util.ArrayList<>();
        Open311Filing.Media media = null;
        for (var part : input.getValues().entrySet()) {
            String name = part.getKey();
            if (name.equals("media")) {
                if (part.getValue().size() > 1) {
                    problems.add("media is given more than once");
                    continue;
                }
                FormValue value = part.getValue().iterator().next();
                if (!value.isFileItem()) {
                    problems.add("media must be a file part");
                    continue;
                }
                try {
                    media = new Open311Filing.Media(
                            value.getFileItem().getFile(), value.getFileItem().getFileSize(), value.getFileName());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                continue;
            }
            for (FormValue value : part.getValue()) {
                if (value.isFileItem()) {
                    problems.add(name + " must be a text part, not a file");
                } else {
                    fields.add(name, value.getValue());
                }
            }
        }
        Open311Filing.Form parsed = Open311Filing.Form.of(fields);
        problems.addAll(parsed.problems());
        return file(format, new Open311Filing.Form(parsed.values(), problems), media);
    }

    private Uni<RestResponse<Object>> file(String format, Open311Filing.Form form, Open311Filing.Media media) {
        Format answer = Format.of(format);
        return apiKeys.requireClient(form.value("api_key")).flatMap(client -> {
            // one application files for many citizens: its own quota, per hour and per day
            var wait = limiter.take(RateLimiter.Kind.OPEN311_KEY, client);
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                return Uni.createFrom()
                        .item(RestResponse.ResponseBuilder.fromResponse(answer.errors(
                                        429,
                                        List.of("This api_key's filing quota is spent; retry after " + seconds + " s")))
                                .header("Retry-After", Long.toString(seconds))
                                .build());
            }
            requireJurisdiction(form.value("jurisdiction_id"));
            return filing.file(client, form, media, CorrelationId.current())
                    .map(created -> RestResponse.ResponseBuilder.fromResponse(
                                    answer.list(201, List.of(created), GeoReport.ServiceRequests::new))
                            .location(URI.create(UriBuilder.fromUri(config.baseUrl())
                                    .path("open311/v2/requests")
                                    .path(created.serviceRequestId() + "." + format)
                                    .build()
                                    .toString()))
                            .build());
        });
    }

    @GET
    @Path("/requests.{format}")
    @Operation(
            summary = "Service requests, newest first: by default those of the last 90 days, at most 1,000",
            description = "service_request_id (comma list) overrides the other filters; service_code and status "
                    + "(open, closed) take comma lists; start_date and end_date span at most 90 days. Confidential "
                    + "complaints are left out")
    public Uni<RestResponse<Object>> list(
            @RestPath String format,
            @RestQuery("jurisdiction_id") String jurisdictionId,
            @RestQuery("service_request_id") String serviceRequestId,
            @RestQuery("service_code") String serviceCode,
            @RestQuery("start_date") String startDate,
            @RestQuery("end_date") String endDate,
            @RestQuery("status") String status) {
        Format answer = Format.of(format);
        requireJurisdiction(jurisdictionId);
        ReadModel from = projections.requireServingPublic(ComplaintViewProjector.NAME);
        List<String> ids = commaList(serviceRequestId);
        ids.stream().filter(id -> !id.matches(TRACKING_NUMBER)).findFirst().ifPresent(id -> {
            throw Open311Exception.badRequest(
                    "service_request_id '" + id + "' is not one; they look like LPR-7KQ2-M9XD-4HPA");
        });
        List<String> statuses = commaList(status);
        statuses.stream()
                .filter(s -> !s.equals(PublicStatus.OPEN) && !s.equals(PublicStatus.CLOSED))
                .findFirst()
                .ifPresent(s -> {
                    throw Open311Exception.badRequest("status '" + s + "' is neither open nor closed");
                });
        Window window = Window.of(startDate, endDate, clock.instant());
        return requests.list(new PublishedRequests.Query(ids, commaList(serviceCode), statuses, window), from)
                .map(found -> marked(from, answer.list(200, found, GeoReport.ServiceRequests::new)));
    }

    @GET
    @Path("/requests/{serviceRequestId}.{format}")
    @Operation(summary = "One service request by its id, the tracking number; only its status if confidential")
    public Uni<RestResponse<Object>> request(
            @RestPath String serviceRequestId,
            @RestPath String format,
            @RestQuery("jurisdiction_id") String jurisdictionId) {
        Format answer = Format.of(format);
        requireJurisdiction(jurisdictionId);
        ReadModel from = projections.requireServingPublic(ComplaintViewProjector.NAME);
        if (!serviceRequestId.matches(TRACKING_NUMBER)) {
            throw Open311Exception.notFound("service_request_id '" + serviceRequestId + "' was not found");
        }
        return requests.one(serviceRequestId, from).map(found -> {
            if (found == null) {
                throw Open311Exception.notFound("service_request_id '" + serviceRequestId + "' was not found");
            }
            return marked(from, answer.list(200, List.of(found), GeoReport.ServiceRequests::new));
        });
    }

    /**
     * Every service is realtime, so filing never hands out a token. A token here is the ledger's own id of the
     * complaint (the id of /api/complaints/{id}), which this resolves to its service_request_id.
     */
    @GET
    @Path("/tokens/{token}.{format}")
    @Operation(summary = "The service_request_id of a token: the ledger's complaint id")
    public Uni<RestResponse<Object>> token(
            @RestPath String token, @RestPath String format, @RestQuery("jurisdiction_id") String jurisdictionId) {
        Format answer = Format.of(format);
        requireJurisdiction(jurisdictionId);
        ReadModel from = projections.requireServingPublic(ComplaintViewProjector.NAME);
        UUID complaintId;
        try {
            complaintId = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            throw Open311Exception.notFound("token '" + token + "' was not found");
        }
        return views.byId(complaintId, from).map(row -> {
            if (row == null) {
                throw Open311Exception.notFound("token '" + token + "' was not found");
            }
            return marked(
                    from,
                    answer.list(
                            200,
                            List.of(new GeoReport.Token(row.trackingNumber, token)),
                            GeoReport.ServiceRequests::new));
        });
    }

    @GET
    @Path("/servicerequestupdates.{format}")
    @Operation(
            summary = "FixMyStreet's update feed: each status change in the period, oldest first, at most 1,000",
            description = "Read from the event stream; start_date and end_date span at most 90 days, the last 90 "
                    + "by default. update_id is the event's id")
    public Uni<RestResponse<Object>> updates(
            @RestPath String format,
            @RestQuery("jurisdiction_id") String jurisdictionId,
            @RestQuery("start_date") String startDate,
            @RestQuery("end_date") String endDate) {
        Format answer = Format.of(format);
        requireJurisdiction(jurisdictionId);
        // the feed takes tracking numbers and visibility from the complaint views
        ReadModel from = projections.requireServingPublic(ComplaintViewProjector.NAME);
        Window window = Window.of(startDate, endDate, clock.instant());
        return updates.in(window, from).map(found -> marked(from, answer.list(200, found, GeoReport.Updates::new)));
    }

    /** Anything else under /open311/v2 is a resource GeoReport does not have: its 404, in its format. */
    @GET
    @Path("/{unknown: .*}")
    @Operation(hidden = true)
    public RestResponse<Object> unknownRead(@RestPath String unknown) {
        throw unknownResource(unknown);
    }

    @POST
    @Path("/{unknown: .*}")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public RestResponse<Object> unknownWrite(@RestPath String unknown) {
        throw unknownResource(unknown);
    }

    private static Open311Exception unknownResource(String path) {
        return Open311Exception.notFound("There is no resource '" + path + "' in GeoReport v2");
    }

    /** An answer from the rows kept during a rebuild says it is stale, as the tracking lookup's does. */
    private static RestResponse<Object> marked(ReadModel from, RestResponse<Object> answer) {
        return from.stale()
                ? RestResponse.ResponseBuilder.fromResponse(answer)
                        .header(ReadModel.STALE_HEADER, "true")
                        .build()
                : answer;
    }

    /** jurisdiction_id is optional with one jurisdiction; when given, it must be ours. */
    private void requireJurisdiction(String jurisdictionId) {
        if (jurisdictionId != null && !jurisdictionId.isEmpty() && !jurisdictionId.equals(config.jurisdictionId())) {
            throw Open311Exception.notFound("jurisdiction_id '" + jurisdictionId + "' was not found: this endpoint "
                    + "serves " + config.jurisdictionId());
        }
    }

    /** A comma-delimited parameter; an empty one is absent, as the specification's optional arguments are. */
    private static List<String> commaList(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }

    @ServerExceptionMapper
    public RestResponse<Object> open311(Open311Exception e, UriInfo uri) {
        return errors(uri, e.status(), e.descriptions());
    }

    /** The ledger's own refusals (a read model being rebuilt, a command that lost its race) keep their status. */
    @ServerExceptionMapper
    public RestResponse<Object> problem(ProblemException e, UriInfo uri) {
        return errors(uri, e.problem().status(), List.of(e.problem().detail()));
    }

    @ServerExceptionMapper
    public RestResponse<Object> webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        return errors(
                uri, status, List.of(status < 500 ? e.getMessage() : "The server could not complete the request"));
    }

    /** As under /api: the database out of reach is a 503 with Retry-After, never a 500 (web/ProblemMappers). */
    @ServerExceptionMapper
    public RestResponse<Object> unexpected(Throwable e, UriInfo uri) {
        String unavailable = DatabaseUnavailable.reason(e);
        if (unavailable != null) {
            LOG.warnf("database unavailable, answered 503: %s", unavailable);
            return errors(
                    uri, 503, List.of("The service cannot reach its database just now; retry after the time given"));
        }
        LOG.error("unexpected failure", e);
        return errors(uri, 500, List.of("The server could not complete the request"));
    }

    private static RestResponse<Object> errors(UriInfo uri, int status, List<String> descriptions) {
        RestResponse<Object> response = Format.ofPath(uri.getPath()).errors(status, descriptions);
        return status == 503
                ? RestResponse.ResponseBuilder.fromResponse(response)
                        .header("Retry-After", Problem.RETRY_AFTER_SECONDS)
                        .build()
                : response;
    }
}
