package org.complaintledger.support;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One read of {@code /q/metrics}, parsed from the Prometheus text format as a scraper would read it. */
public final class Scrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    // possessive, unrolled: a label value kilobytes long (a fuzzed path) must not recurse once per character
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\"");

    private record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples = new ArrayList<>();

    private Scrape(String text) {
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
    }

    public static Scrape now() {
        return new Scrape(
                given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The value of the one series of that name carrying these labels (and perhaps others); fails if there is none. */
    public double value(String name, String... labelPairs) {
        List<Sample> found = matching(name, labelPairs);
        if (found.size() != 1) {
            throw new AssertionError("expected one series " + name + labels(labelPairs) + ", found " + found);
        }
        return found.getFirst().value();
    }

    /** The value, or 0 when the series does not exist yet (a counter or timer is created on first use). */
    public double valueOrZero(String name, String... labelPairs) {
        List<Sample> found = matching(name, labelPairs);
        return found.isEmpty() ? 0 : value(name, labelPairs);
    }

    private List<Sample> matching(String name, String... labelPairs) {
        Map<String, String> wanted = labels(labelPairs);
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(wanted.entrySet()))
                .toList();
    }

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }
}
