package org.complaintledger.web;

import io.smallrye.mutiny.Multi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV downloads for spreadsheets: RFC 4180 quoting by Apache Commons CSV, one record at a time so that an export is
 * streamed as it is read, and every cell a spreadsheet would run as a formula (one starting with =, +, -, @, a tab or
 * a carriage return) prefixed with an apostrophe, as OWASP's CSV-injection advice says.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private Csv() {}

    /** One record, with its CRLF. */
    public static String line(Object... cells) {
        return line(Arrays.asList(cells));
    }

    public static String line(List<?> cells) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(cells.stream().map(Csv::cell).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The header line, then one line per item. */
    public static <T> Multi<String> of(
            List<String> header, Multi<T> items, java.util.function.Function<T, List<?>> cells) {
        return Multi.createBy()
                .concatenating()
                .streams(Multi.createFrom().item(line(header)), items.map(item -> line(cells.apply(item))));
    }

    static String cell(Object value) {
        String text = Objects.toString(value, "");
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
