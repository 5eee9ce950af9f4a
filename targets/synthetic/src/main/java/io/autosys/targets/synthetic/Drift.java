package io.autosys.targets.synthetic;

/**
 * When a synthetic target's optimum moves on its own, counted in trials started. Drift on
 * request ({@link SyntheticTarget#drift()}) comes on top of any schedule.
 */
public sealed interface Drift permits Drift.Never, Drift.After, Drift.Every {

    /** Whether starting the trial with this 0-based ordinal moves the optimum first. */
    boolean movesBefore(long trialOrdinal);

    static Drift never() {
        return new Never();
    }

    /** Once: the trial with ordinal {@code trials} (the (trials+1)-th) is the first to see the moved optimum. */
    static Drift after(long trials) {
        return new After(trials);
    }

    /** Periodically: before trials {@code trials}, {@code 2*trials}, ... (0-based ordinals). */
    static Drift every(long trials) {
        return new Every(trials);
    }

    record Never() implements Drift {
        @Override
        public boolean movesBefore(long trialOrdinal) {
            return false;
        }
    }

    record After(long trials) implements Drift {
        public After {
            if (trials < 1) {
                throw new IllegalArgumentException("drift after N trials needs N >= 1, got " + trials);
            }
        }

        @Override
        public boolean movesBefore(long trialOrdinal) {
            return trialOrdinal == trials;
        }
    }

    record Every(long trials) implements Drift {
        public Every {
            if (trials < 1) {
                throw new IllegalArgumentException("drift every N trials needs N >= 1, got " + trials);
            }
        }

        @Override
        public boolean movesBefore(long trialOrdinal) {
            return trialOrdinal > 0 && trialOrdinal % trials == 0;
        }
    }

    /** Parses "never", "after:N" or "every:N" (for command lines); errors name the text. */
    static Drift parse(String text) {
        String t = text.trim();
        if (t.equals("never")) {
            return never();
        }
        int colon = t.indexOf(':');
        if (colon > 0) {
            String kind = t.substring(0, colon);
            long n;
            try {
                n = Long.parseLong(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("drift '" + text + "': '" + t.substring(colon + 1)
                        + "' is not a number of trials", e);
            }
            if (kind.equals("after")) {
                return after(n);
            }
            if (kind.equals("every")) {
                return every(n);
            }
        }
        throw new IllegalArgumentException("drift '" + text + "' is not one of never, after:N, every:N");
    }
}
