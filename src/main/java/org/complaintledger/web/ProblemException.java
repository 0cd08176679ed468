package org.complaintledger.web;

/** A request the edge refuses before any command runs; mapped once to its problem. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(
                Problem.invalid(field + ": " + message, java.util.List.of(new Problem.FieldError(field, message))));
    }

    public Problem problem() {
        return problem;
    }
}
