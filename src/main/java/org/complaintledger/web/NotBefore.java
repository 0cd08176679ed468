package org.complaintledger.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDate;

/**
 * A date no earlier than {@link #value()}. Bean Validation bounds dates only by today; without a floor a date
 * such as -999999999-01-01 would be recorded in the ledger for good.
 */
@Documented
@Constraint(validatedBy = NotBefore.Validator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface NotBefore {

    /** An ISO date, such as 1900-01-01. */
    String value();

    String message() default "must be {value} or later";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NotBefore, LocalDate> {
        private LocalDate earliest;

        @Override
        public void initialize(NotBefore annotation) {
            earliest = LocalDate.parse(annotation.value());
        }

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || !value.isBefore(earliest);
        }
    }
}
