package io.jenkins.plugins.gitops.engine.cluster;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Where a followed container log was read up to, so the next read returns only the lines after it (the page's
 * "follow" appends them instead of fetching the whole tail again). The kubelet prefixes each line with its
 * RFC 3339 timestamp when asked ({@code timestamps=true}) and answers {@code sinceTime} with every line at or after
 * that second, so a cursor is the timestamp of the last line read plus how many lines carried exactly that
 * timestamp: a re-read from {@link #sinceTime()} skips every older line and that many lines of the same instant.
 *
 * <p>Text form (what the page carries between requests): {@code <RFC 3339 instant>/<count>}, e.g.
 * {@code 2026-12-05T22:00:01.5Z/2}. {@link #START} (empty text) means "nothing read yet".
 */
public record LogCursor(Instant last, int seenAtLast) {

    /** Nothing read yet: the next read is the tail. */
    public static final LogCursor START = new LogCursor(null, 0);

    public LogCursor {
        if (seenAtLast < 0) {
            throw new IllegalArgumentException("seenAtLast must not be negative");
        }
    }

    /** Parses a cursor's text form; empty for anything else (a request may carry any text). */
    public static Optional<LogCursor> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(START);
        }
        int slash = text.lastIndexOf('/');
        if (slash <= 0 || text.length() > 64) {
            return Optional.empty();
        }
        try {
            Instant at = Instant.parse(text.substring(0, slash));
            int count = Integer.parseInt(text.substring(slash + 1));
            return count < 0 ? Optional.empty() : Optional.of(new LogCursor(at, count));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean isStart() {
        return last == null;
    }

    /** The {@code sinceTime} to ask the API server for: the cursor's second (the kubelet's precision). */
    public String sinceTime() {
        return last.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Override
    public String toString() {
        return isStart() ? "" : last + "/" + seenAtLast;
    }

    /**
     * Splits a log read with {@code timestamps=true} into the lines after this cursor (timestamps removed) and the
     * cursor after them. Lines without a readable timestamp (not written by a kubelet) are kept as they are and do
     * not move the cursor. A last line without its newline is incomplete (the limit cut it): it is left for the next
     * read.
     */
    public Read after(String timestamped) {
        StringBuilder out = new StringBuilder();
        Instant at = last;
        int seen = seenAtLast;
        int skipAtLast = isStart() ? 0 : seenAtLast;
        int lines = 0;
        int start = 0;
        String text = timestamped == null ? "" : timestamped;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                break; // incomplete: read again next time
            }
            String line = text.substring(start, end);
            start = end + 1;
            int space = line.indexOf(' ');
            Instant ts = space > 0 ? instant(line.substring(0, space)) : null;
            if (ts == null) {
                out.append(line).append('\n');
                lines++;
                continue;
            }
            if (last != null && ts.isBefore(last)) {
                continue;
            }
            if (last != null && ts.equals(last) && skipAtLast > 0) {
                skipAtLast--;
                continue;
            }
            out.append(line, space + 1, line.length()).append('\n');
            lines++;
            if (ts.equals(at)) {
                seen++;
            } else {
                at = ts;
                seen = 1;
            }
        }
        return new Read(out.toString(), lines, new LogCursor(at, at == null ? 0 : seen));
    }

    private static Instant instant(String s) {
        if (s.length() < 20 || !Character.isDigit(s.charAt(0))) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The lines a read added (without their timestamps), how many, and the cursor to continue from. */
    public record Read(String text, int lines, LogCursor next) {}
}
