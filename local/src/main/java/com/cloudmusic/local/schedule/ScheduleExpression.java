package com.cloudmusic.local.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression, evaluated in UTC as EventBridge rules are:
 * {@code cron(minutes hours day-of-month month day-of-week year)} with {@code *}, {@code ?}, numbers,
 * names (JAN-DEC, SUN-SAT), lists, ranges and {@code /} increments, or {@code rate(N minute|minutes|hour|hours|day|days)}.
 * The {@code L}, {@code W} and {@code #} forms are not supported and are rejected by name.
 */
public final class ScheduleExpression {

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("JAN", 1), Map.entry("FEB", 2), Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5),
            Map.entry("JUN", 6), Map.entry("JUL", 7), Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10),
            Map.entry("NOV", 11), Map.entry("DEC", 12));
    // EventBridge numbers days of the week from Sunday = 1.
    private static final Map<String, Integer> DAYS = Map.of(
            "SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5, "FRI", 6, "SAT", 7);
    private static final int FIRST_YEAR = 1970;
    private static final int LAST_YEAR = 2199;

    private final String text;
    private final Duration rate;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final BitSet years;

    private ScheduleExpression(String text, Duration rate, BitSet[] fields) {
        this.text = text;
        this.rate = rate;
        this.minutes = fields == null ? null : fields[0];
        this.hours = fields == null ? null : fields[1];
        this.daysOfMonth = fields == null ? null : fields[2];
        this.months = fields == null ? null : fields[3];
        this.daysOfWeek = fields == null ? null : fields[4];
        this.years = fields == null ? null : fields[5];
    }

    /** @throws IllegalArgumentException naming what is wrong with the expression */
    public static ScheduleExpression parse(String expression) {
        String text = Objects.requireNonNull(expression, "expression == null").strip();
        Matcher rate = RATE.matcher(text);
        if (rate.matches()) {
            long amount = Long.parseLong(rate.group(1));
            if (amount < 1) {
                throw new IllegalArgumentException("rate must be at least 1: " + text);
            }
            String unit = rate.group(2);
            if (amount == 1 != !unit.endsWith("s")) {
                throw new IllegalArgumentException("EventBridge wants 'rate(1 " + singular(unit) + ")' and 'rate(N "
                        + singular(unit) + "s)': " + text);
            }
            ChronoUnit chrono = unit.startsWith("minute") ? ChronoUnit.MINUTES
                    : unit.startsWith("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
            return new ScheduleExpression(text, Duration.of(amount, chrono), null);
        }
        Matcher cron = CRON.matcher(text);
        if (!cron.matches()) {
            throw new IllegalArgumentException("not an EventBridge schedule expression (cron(...) or rate(...)): " + text);
        }
        String[] parts = cron.group(1).strip().split("\\s+");
        if (parts.length != 6) {
            throw new IllegalArgumentException("cron needs six fields (minutes hours day-of-month month day-of-week year): "
                    + text);
        }
        if (!parts[2].equals("?") && !parts[4].equals("?")) {
            throw new IllegalArgumentException("cron: one of day-of-month and day-of-week must be '?': " + text);
        }
        BitSet[] fields = {
            field(parts[0], 0, 59, Map.of(), "minutes"),
            field(parts[1], 0, 23, Map.of(), "hours"),
            field(parts[2], 1, 31, Map.of(), "day-of-month"),
            field(parts[3], 1, 12, MONTHS, "month"),
            field(parts[4], 1, 7, DAYS, "day-of-week"),
            field(parts[5], FIRST_YEAR, LAST_YEAR, Map.of(), "year"),
        };
        return new ScheduleExpression(text, null, fields);
    }

    private static String singular(String unit) {
        return unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
    }

    private static BitSet field(String text, int min, int max, Map<String, Integer> names, String name) {
        BitSet values = new BitSet(max + 1);
        if (text.equals("*") || text.equals("?")) {
            values.set(min, max + 1);
            return values;
        }
        for (String item : text.split(",")) {
            if (item.contains("#") || item.matches("(?i)\\d*L|LW|\\d+W")) {
                throw new IllegalArgumentException("cron " + name + ": the L, W and # forms are not supported locally ("
                        + text + ")");
            }
            int step = 1;
            String range = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                step = number(item.substring(slash + 1), 1, max, Map.of(), name);
                range = item.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], min, max, names, name);
                to = number(ends[1], min, max, names, name);
                if (to < from) {
                    throw new IllegalArgumentException("cron " + name + ": range " + range + " runs backwards");
                }
            } else {
                from = number(range, min, max, names, name);
                to = slash >= 0 ? max : from;
            }
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        }
        return values;
    }

    private static int number(String text, int min, int max, Map<String, Integer> names, String name) {
        Integer named = names.get(text.toUpperCase(Locale.ROOT));
        int value;
        if (named != null) {
            value = named;
        } else {
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cron " + name + ": '" + text + "' is not a value");
            }
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("cron " + name + ": " + value + " is outside " + min + "-" + max);
        }
        return value;
    }

    /**
     * The first firing strictly after {@code after}, or null when the expression never fires again.
     *
     * @param start when the schedule began (a rate fires at start + N x rate)
     */
    public Instant nextAfter(Instant after, Instant start) {
        if (rate != null) {
            long periods = after.isBefore(start) ? 0 : Duration.between(start, after).toMillis() / rate.toMillis();
            Instant next = start.plus(rate.multipliedBy(periods + 1));
            return next.isAfter(after) ? next : next.plus(rate);
        }
        LocalDateTime from = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate day = from.toLocalDate();
        for (; day.getYear() <= LAST_YEAR; day = day.plusDays(1)) {
            if (!years.get(day.getYear())) {
                day = LocalDate.of(day.getYear(), 12, 31);
                continue;
            }
            if (!months.get(day.getMonthValue()) || !daysOfMonth.get(day.getDayOfMonth())
                    || !daysOfWeek.get(eventBridgeDay(day.getDayOfWeek()))) {
                continue;
            }
            boolean firstDay = day.equals(from.toLocalDate());
            for (int hour = hours.nextSetBit(firstDay ? from.getHour() : 0); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
                int fromMinute = firstDay && hour == from.getHour() ? from.getMinute() : 0;
                int minute = minutes.nextSetBit(fromMinute);
                if (minute >= 0) {
                    return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
                }
            }
        }
        return null;
    }

    private static int eventBridgeDay(DayOfWeek day) {
        return day.getValue() % 7 + 1; // Monday (1) → 2 ... Sunday (7) → 1
    }

    @Override
    public String toString() {
        return text;
    }
}
