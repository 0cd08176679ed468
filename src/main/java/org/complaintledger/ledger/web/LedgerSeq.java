package org.complaintledger.ledger.web;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.complaintledger.web.ProblemException;

/** A position in the ledger ({@code after}): the ledgerSeq of the last item a client has, 0 for none yet. */
record LedgerSeq(long value) {

    static long valueOf(LedgerSeq seq) {
        return seq == null ? 0 : seq.value();
    }

    /** Converts {@code after}, so that a bad value is a 400 that names it rather than JAX-RS's bare 404. */
    @Provider
    public static class Converter implements ParamConverterProvider {

        @Override
        @SuppressWarnings("unchecked")
        public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
            if (type != LedgerSeq.class) {
                return null;
            }
            return (ParamConverter<T>) new ParamConverter<LedgerSeq>() {
                @Override
                public LedgerSeq fromString(String text) {
                    if (text == null || text.isEmpty()) {
                        return null;
                    }
                    try {
                        long parsed = Long.parseLong(text);
                        if (parsed >= 0) {
                            return new LedgerSeq(parsed);
                        }
                    } catch (NumberFormatException e) {
                        // answered below, with the field named
                    }
                    throw ProblemException.badRequest("after", "must be a ledgerSeq (a whole number, 0 or more)");
                }

                @Override
                public String toString(LedgerSeq value) {
                    return Long.toString(value.value());
                }
            };
        }
    }
}
