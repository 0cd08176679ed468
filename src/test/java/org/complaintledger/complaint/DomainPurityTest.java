package org.complaintledger.complaint;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The decider and the deadline rules stay plain Java: no framework, no clock, no randomness. Only these two packages
 * themselves are checked; their adapters live in subpackages ({@code complaint.handling}, {@code deadline.runtime}).
 */
class DomainPurityTest {

    static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.complaintledger.complaint", "org.complaintledger.deadline")
            .that(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "in the pure packages",
                    javaClass -> javaClass.getPackageName().equals("org.complaintledger.complaint")
                            || javaClass.getPackageName().equals("org.complaintledger.deadline")));

    @Test
    void the_domain_imports_no_framework() {
        ArchRule rule = noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "jakarta..",
                        "io.smallrye..",
                        "io.vertx..",
                        "org.axonframework..",
                        "com.fasterxml..");
        rule.check(DOMAIN);
    }

    @Test
    void the_domain_never_reads_a_clock_or_draws_a_random_id() {
        ArchRule rule = noClasses()
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(UUID.class, "randomUUID")
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(Clock.class);
        rule.check(DOMAIN);
    }
}
