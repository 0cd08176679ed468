package org.complaintledger.reference;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Summary;
import org.complaintledger.reference.AdminRequests.Holiday;
import org.complaintledger.web.ProblemException;

/**
 * Holidays from an iCalendar file (RFC 5545), such as the published list of national holidays and cuti bersama,
 * read with ical4j. Each VEVENT is a holiday named by its SUMMARY on every date from DTSTART up to, not including,
 * DTEND (an all-day event's DTEND is the day after it, so a three-day cuti bersama is three dates). A date-time
 * DTSTART counts by its date in the regency's zone.
 */
final class IcsHolidays {

    /** A year of holidays is a few dozen dates; anything near this is not a holiday list. */
    static final int MAX_DATES = 366;

    private IcsHolidays() {}

    static List<Holiday> parse(String text, ZoneId zone) {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(text));
        } catch (ParserException | IOException | RuntimeException e) {
            throw ProblemException.badRequest("body", "not an iCalendar file: " + e.getMessage());
        }
        List<Holiday> holidays = new ArrayList<>();
        for (Component component : calendar.getComponents(Component.VEVENT)) {
            VEvent event = (VEvent) component;
            LocalDate start;
            LocalDate end;
            String name;
            try {
                start = event.getStartDate()
                        .map(p -> date(p, zone))
                        .orElseThrow(() -> ProblemException.badRequest("body", "a VEVENT has no DTSTART"));
                // DTEND as written: ical4j would otherwise derive one from DTSTART, which a date-only event cannot give
                end = event.getEndDate(false)
                        .map(p -> date(p, zone))
                        .filter(start::isBefore)
                        .orElse(start.plusDays(1));
                name = Optional.ofNullable(event.getSummary())
                        .map(Summary::getValue)
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .orElse("Libur");
            } catch (ProblemException e) {
                throw e;
            } catch (RuntimeException unreadable) {
                throw ProblemException.badRequest("body", "a VEVENT's dates do not read: " + unreadable.getMessage());
            }
            if (name.length() > 200) {
                name = name.substring(0, 200);
            }
            for (LocalDate day = start; day.isBefore(end); day = day.plusDays(1)) {
                if (holidays.size() >= MAX_DATES) {
                    throw ProblemException.badRequest("body", "more than " + MAX_DATES + " holiday dates in one file");
                }
                holidays.add(new Holiday(day, name));
            }
        }
        if (holidays.isEmpty()) {
            throw ProblemException.badRequest("body", "the iCalendar file has no VEVENT");
        }
        return holidays;
    }

    private static LocalDate date(DateProperty<?> property, ZoneId zone) {
        Temporal value = property.getDate();
        return switch (value) {
            case LocalDate d -> d;
            case LocalDateTime dt -> dt.toLocalDate();
            case ZonedDateTime z -> z.withZoneSameInstant(zone).toLocalDate();
            case OffsetDateTime o -> o.atZoneSameInstant(zone).toLocalDate();
            case java.time.Instant i -> i.atZone(zone).toLocalDate();
            default -> LocalDate.from(value);
        };
    }
}
