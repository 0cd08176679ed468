package org.complaintledger.view;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.complaintledger.complaint.Complaint;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.presentation.ComplaintViews;
import org.junit.jupiter.api.Test;

/**
 * The decider's state cannot reach the read side: the read model, the projector that folds it and everything that
 * reads it (queues, Open311's published requests, reviews, statistics, tracking, the complaint views) know only
 * {@link ComplaintSummary}, never {@link Complaint} or its nested records. A field of the decider's state can then be
 * added, removed or renamed without a stored row or an API answer changing.
 *
 * <p>Open311's filing adapter ({@code Open311Filing}) is left out: it is a command channel, which answers a filing from
 * the decision the write side just made, and stores nothing.
 */
class ReadSideIndependenceTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.complaintledger");

    @Test
    void nothing_on_the_read_side_depends_on_the_deciders_state() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage(
                        "org.complaintledger.view..",
                        "org.complaintledger.queue..",
                        "org.complaintledger.open311..",
                        "org.complaintledger.review..",
                        "org.complaintledger.complaint.presentation..",
                        "org.complaintledger.statistics..",
                        "org.complaintledger.tracking..")
                .and()
                .doNotHaveSimpleName("Open311Filing")
                .or()
                .belongToAnyOf(ComplaintViews.class)
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(Complaint.class)
                .because("the read side has its own model, folded by its own evolve (ComplaintSummary)");
        rule.check(MAIN);
    }
}
