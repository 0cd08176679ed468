package org.complaintledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request and response bodies are read and written through accessors generated once per property (Jackson's
 * Blackbird module) rather than by reflection on every call: {@code Method.invoke} from Jackson's property writers
 * was 2.7 % of a filing's CPU (BENCHMARKS.md, "session 4").
 */
@Singleton
public class GeneratedJsonAccessors implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new BlackbirdModule());
    }
}
