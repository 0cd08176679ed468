package org.complaintledger.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A migration numbered below one already released never runs: Flyway, on a database at that release, refuses to start
 * ("resolved migration not applied"). Branches each took free numbers, so one merged below the released maximum once
 * (V34 under a released V37); this holds every new migration above the last release's versions.
 */
class MigrationNumberingTest {

    private static final Pattern VERSION = Pattern.compile("V([0-9_]+)__.*\\.sql");

    @Test
    void every_migration_not_yet_released_is_numbered_above_every_released_one() throws IOException {
        Set<BigDecimal> released;
        try (Stream<String> lines = Files.lines(Path.of("src/test/resources/db/released-migrations.txt"))) {
            released = lines.map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(BigDecimal::new)
                    .collect(Collectors.toSet());
        }
        BigDecimal highestReleased =
                released.stream().max(BigDecimal::compareTo).orElseThrow();
        List<BigDecimal> unreleased;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            unreleased = files.map(file -> VERSION.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> new BigDecimal(m.group(1).replace('_', '.')))
                    .filter(version -> released.stream().noneMatch(r -> r.compareTo(version) == 0))
                    .toList();
        }
        assertThat(unreleased)
                .as("migrations not in the last release must come after its V%s", highestReleased)
                .allSatisfy(version -> assertThat(version).isGreaterThan(highestReleased));
    }
}
