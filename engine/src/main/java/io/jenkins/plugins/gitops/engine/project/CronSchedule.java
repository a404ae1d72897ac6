package io.jenkins.plugins.gitops.engine.project;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A standard five-field cron schedule, parsed as Argo CD's sync windows parse it (robfig/cron with minute, hour,
 * day-of-month, month and day-of-week fields).
 *
 * <p>Supported syntax per field: {@code *}, a value, a range {@code a-b}, a step {@code * /n}, {@code a/n}
 * (from a to the maximum) or {@code a-b/n}, and comma-separated lists of these. Months also accept {@code JAN}-{@code
 * DEC}, days of week {@code SUN}-{@code SAT} (0 = Sunday, 0-6). {@code ?} is a synonym for {@code *}. The descriptors
 * {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight} and
 * {@code @hourly} are accepted too. As in cron, when both day-of-month and day-of-week are restricted a day matching
 * either one matches; when one of them is {@code *} both must match.
 *
 * <p>Times are local times (the caller applies the window's time zone).
 */
public final class CronSchedule {

    /** How far to search for an occurrence: long enough for 29 February on a given weekday. */
    private static final int SEARCH_DAYS = 366 * 29;

    private record Field(String name, int min, int max, Map<String, Integer> names) {}

    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
            Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
            Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11),
            Map.entry("DEC", 12));
    private static final Map<String, Integer> DAYS = Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4,
            "FRI", 5, "SAT", 6);

    /** The five fields in order; the table drives parsing and error messages. */
    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, Map.of()),
            new Field("hour", 0, 23, Map.of()),
            new Field("day-of-month", 1, 31, Map.of()),
            new Field("month", 1, 12, MONTHS),
            new Field("day-of-week", 0, 6, DAYS));

    private static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domStar;
    private final boolean dowStar;

    private CronSchedule(String expression, BitSet[] sets, boolean domStar, boolean dowStar) {
        this.expression = expression;
        this.minutes = sets[0];
        this.hours = sets[1];
        this.daysOfMonth = sets[2];
        this.months = sets[3];
        this.daysOfWeek = sets[4];
        this.domStar = domStar;
        this.dowStar = dowStar;
    }

    /**
     * Parses a schedule.
     *
     * @throws IllegalArgumentException naming the schedule and the field at fault
     */
    public static CronSchedule parse(String expression) {
        String expr = expression == null ? "" : expression.trim();
        String spec = DESCRIPTORS.getOrDefault(expr.toLowerCase(Locale.ROOT), expr);
        String[] parts = spec.isEmpty() ? new String[0] : spec.split("\\s+");
        if (parts.length != FIELDS.size()) {
            throw new IllegalArgumentException("invalid cron schedule '" + expression + "': expected 5 fields "
                    + "(minute hour day-of-month month day-of-week), found " + parts.length);
        }
        BitSet[] sets = new BitSet[FIELDS.size()];
        boolean[] star = new boolean[FIELDS.size()];
        for (int f = 0; f < FIELDS.size(); f++) {
            try {
                sets[f] = new BitSet();
                star[f] = parseField(parts[f], FIELDS.get(f), sets[f]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid cron schedule '" + expression + "': "
                        + FIELDS.get(f).name() + " field '" + parts[f] + "': " + e.getMessage(), e);
            }
        }
        return new CronSchedule(expression, sets, star[2], star[4]);
    }

    /** Returns whether the field is an unrestricted {@code *} (robfig's star bit: {@code *} or {@code * /1}). */
    private static boolean parseField(String text, Field field, BitSet out) {
        boolean star = false;
        for (String item : text.split(",", -1)) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty list element");
            }
            String[] rangeAndStep = item.split("/", -1);
            if (rangeAndStep.length > 2) {
                throw new IllegalArgumentException("too many '/' in '" + item + "'");
            }
            String range = rangeAndStep[0];
            int lo;
            int hi;
            boolean itemStar = range.equals("*") || range.equals("?");
            if (itemStar) {
                lo = field.min();
                hi = field.max();
            } else {
                String[] bounds = range.split("-", -1);
                if (bounds.length > 2) {
                    throw new IllegalArgumentException("too many '-' in '" + item + "'");
                }
                lo = value(bounds[0], field);
                hi = bounds.length == 2 ? value(bounds[1], field) : lo;
            }
            int step = 1;
            if (rangeAndStep.length == 2) {
                step = number(rangeAndStep[1], "step");
                if (step <= 0) {
                    throw new IllegalArgumentException("step must be positive");
                }
                if (!itemStar && !range.contains("-")) {
                    hi = field.max();
                }
            }
            if (lo > hi) {
                throw new IllegalArgumentException("range start " + lo + " is after its end " + hi);
            }
            for (int v = lo; v <= hi; v += step) {
                out.set(v);
            }
            star |= itemStar && step == 1;
        }
        return star;
    }

    private static int value(String text, Field field) {
        Integer named = field.names().get(text.toUpperCase(Locale.ROOT));
        int v = named != null ? named : number(text, "value");
        if (v < field.min() || v > field.max()) {
            throw new IllegalArgumentException(v + " is out of range " + field.min() + "-" + field.max());
        }
        return v;
    }

    private static int number(String text, String what) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + text + "' is not a valid " + what);
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large", e);
        }
    }

    public String expression() {
        return expression;
    }

    /** Whether a local time (seconds ignored) is an occurrence. */
    public boolean matches(LocalDateTime time) {
        return dayMatches(time.toLocalDate()) && hours.get(time.getHour()) && minutes.get(time.getMinute());
    }

    /** The first occurrence strictly after a local time, if any within the search horizon. */
    public Optional<LocalDateTime> next(LocalDateTime after) {
        LocalDate day = after.toLocalDate();
        for (int d = 0; d < SEARCH_DAYS; d++, day = day.plusDays(1)) {
            if (!dayMatches(day)) {
                continue;
            }
            for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
                for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                    LocalDateTime t = LocalDateTime.of(day, LocalTime.of(h, m));
                    if (t.isAfter(after)) {
                        return Optional.of(t);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The latest occurrence at or before a local time, if any within the search horizon. */
    public Optional<LocalDateTime> previousOrSame(LocalDateTime at) {
        LocalDate day = at.toLocalDate();
        for (int d = 0; d < SEARCH_DAYS; d++, day = day.minusDays(1)) {
            if (!dayMatches(day)) {
                continue;
            }
            for (int h = hours.previousSetBit(23); h >= 0; h = hours.previousSetBit(h - 1)) {
                for (int m = minutes.previousSetBit(59); m >= 0; m = minutes.previousSetBit(m - 1)) {
                    LocalDateTime t = LocalDateTime.of(day, LocalTime.of(h, m));
                    if (!t.isAfter(at)) {
                        return Optional.of(t);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(day.getDayOfMonth());
        boolean dow = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
        return domStar || dowStar ? dom && dow : dom || dow;
    }

    @Override
    public String toString() {
        return expression;
    }
}
