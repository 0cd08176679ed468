package org.complaintledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dependency structure, as rules the build checks (README, "Packages and their dependencies"):
 * <ul>
 *   <li>the top-level packages form no cycle;</li>
 *   <li>{@code web} (problem+json, filters, parameters) and the core ({@code ledger}, {@code projection}) know no
 *   feature: features register their own exception mappers and projectors;</li>
 *   <li>a feature's {@code web} and {@code internal} sub-packages are its own: another feature uses what the feature
 *   publishes (its root package, {@code handling}, {@code presentation}, {@code codec}, {@code runtime});</li>
 *   <li>only {@code ledger} holds SQL on the events table: everyone else reads events through its API.</li>
 * </ul>
 * The decider's purity is {@code complaint.DomainPurityTest}.
 */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.complaintledger");

    /** The packages that serve a purpose of the product; everything else is plumbing they stand on. */
    static final String[] FEATURES = {
        "org.complaintledger.agency..",
        "org.complaintledger.attachment..",
        "org.complaintledger.complaint..",
        "org.complaintledger.deadline..",
        "org.complaintledger.open311..",
        "org.complaintledger.privacy..",
        "org.complaintledger.queue..",
        "org.complaintledger.reference..",
        "org.complaintledger.review..",
        "org.complaintledger.security..",
        "org.complaintledger.statistics..",
        "org.complaintledger.tracking..",
        "org.complaintledger.view..",
        "org.complaintledger.notification..",
        "org.complaintledger.intake.."
    };

    private static final Pattern INTERNAL =
            Pattern.compile("org\\.complaintledger\\.([a-z0-9]+)\\.(web|internal)(\\..*)?");
    private static final Pattern TOP_LEVEL = Pattern.compile("org\\.complaintledger\\.([a-z0-9]+).*");

    @Test
    void the_top_level_packages_form_no_cycle() {
        slices().matching("org.complaintledger.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void the_web_edge_imports_no_feature() {
        noClasses()
                .that()
                .resideInAPackage("org.complaintledger.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURES)
                .check(MAIN);
    }

    @Test
    void the_ledger_and_the_projection_engine_import_no_feature() {
        noClasses()
                .that()
                .resideInAnyPackage("org.complaintledger.ledger..", "org.complaintledger.projection..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURES)
                .check(MAIN);
    }

    @Test
    void the_ledger_imports_no_projection_and_no_other_core_above_it() {
        noClasses()
                .that()
                .resideInAPackage("org.complaintledger.ledger..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.complaintledger.projection..", "org.complaintledger.database..")
                .check(MAIN);
    }

    @Test
    void no_feature_imports_another_features_web_or_internal_package() {
        ArchRule rule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .should(new ArchCondition<JavaClass>("use another feature only through what it publishes") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        String own = topLevel(origin.getPackageName()).orElse("");
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            Matcher internal =
                                    INTERNAL.matcher(dependency.getTargetClass().getPackageName());
                            if (internal.matches() && !internal.group(1).equals(own)) {
                                events.add(SimpleConditionEvent.violated(origin, dependency.getDescription()));
                            }
                        }
                    }
                });
        rule.check(MAIN);
    }

    /**
     * SQL that reads or writes the ledger's events: the table named after a keyword that takes a table. Read from
     * the compiled class, whose constant pool holds every string the class uses (text blocks and constants the
     * compiler folded in alike); ArchUnit sees types, not strings.
     */
    private static final Pattern EVENTS_TABLE = Pattern.compile("\\b(FROM|JOIN|INTO|UPDATE|TABLE|EXISTS)\\s+events\\b");

    @Test
    void no_class_outside_the_ledger_names_the_events_table() {
        ArchRule rule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that()
                .resideOutsideOfPackage("org.complaintledger.ledger..")
                .should(new ArchCondition<JavaClass>("read and write events only through the ledger's API") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        String constants = constants(origin);
                        Matcher sql = EVENTS_TABLE.matcher(constants);
                        if (sql.find()) {
                            events.add(SimpleConditionEvent.violated(
                                    origin, origin.getName() + " holds SQL naming the events table: " + sql.group()));
                        }
                    }
                });
        rule.check(MAIN);
    }

    /** The class file as text: its string constants stand in it as written (modified UTF-8, ASCII as is). */
    private static String constants(JavaClass type) {
        var source = type.getSource().orElseThrow(() -> new IllegalStateException("no class file for " + type));
        try (var in = source.getUri().toURL().openStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Optional<String> topLevel(String packageName) {
        Matcher matcher = TOP_LEVEL.matcher(packageName);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
