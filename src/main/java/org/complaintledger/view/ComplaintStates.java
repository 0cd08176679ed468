package org.complaintledger.view;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;

/** The read model's document as the view row stores it (JSON), and back. */
final class ComplaintStates {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new BlackbirdModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private ComplaintStates() {}

    static String write(ComplaintSummary summary) {
        try {
            return JSON.writeValueAsString(summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A row another read-model version wrote (read in the moment between a deploy and the start of its rebuild)
     * answers 503 like a rebuilding projection, not 500.
     */
    static ComplaintSummary read(String json) {
        try {
            return JSON.readValue(json, ComplaintSummary.class);
        } catch (IOException e) {
            throw new ProblemException(Problem.of(
                    503,
                    "projection.rebuilding",
                    "The " + ComplaintViewProjector.NAME
                            + " read model was built by another version and is being rebuilt; try again shortly"));
        }
    }
}
