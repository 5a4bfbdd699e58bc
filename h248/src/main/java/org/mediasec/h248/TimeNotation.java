package org.mediasec.h248;

/** Annex B {@code TimeStamp}: {@code yyyymmdd T hhmmsshh} (8 digits each, kept as written). */
public record TimeNotation(String date, String time) {
    public TimeNotation {
        if (date == null || !Names.DIGITS8.matcher(date).matches() || time == null || !Names.DIGITS8.matcher(time).matches()) {
            throw new IllegalArgumentException("time stamp: " + date + "T" + time + " (expected: 8DIGIT T 8DIGIT)");
        }
    }

    /** Parses {@code 19990729T22000000}; null if malformed. */
    public static TimeNotation parse(String s) {
        if (s.length() != 17 || (s.charAt(8) != 'T' && s.charAt(8) != 't')) {
            return null;
        }
        String d = s.substring(0, 8);
        String t = s.substring(9);
        return Names.DIGITS8.matcher(d).matches() && Names.DIGITS8.matcher(t).matches() ? new TimeNotation(d, t) : null;
    }

    @Override
    public String toString() {
        return date + "T" + time;
    }
}
