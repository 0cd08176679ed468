package org.complaintledger.view;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.complaintledger.complaint.Complaint;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The folded complaint as the view row stores it (JSON), and back. */
final class ComplaintStates {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private ComplaintStates() {
    }

    static String write(Complaint state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Complaint read(String json) {
        try {
            return JSON.readValue(json, Complaint.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
