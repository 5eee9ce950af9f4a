package io.autosys.deploy;

import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.trialmanager.StudyListener;
import io.autosys.trialmanager.StudyProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A study's progress on the terminal: one bar redrawn in place on a TTY (trials done, running,
 * best so far, elapsed), or a line per finished trial when the output is a file or a pipe.
 */
final class ProgressBar implements StudyListener {
    private final long studyId;
    private final PrintStream out;
    private final boolean tty;
    private final DoubleFunction<String> formatBest;
    private StudyProgress last;

    ProgressBar(long studyId, PrintStream out, boolean tty, DoubleFunction<String> formatBest) {
        this.studyId = studyId;
        this.out = out;
        this.tty = tty;
        this.formatBest = formatBest;
    }

    @Override
    public synchronized void onStudy(StudyRecord study, StudyProgress progress) {
        if (study.id() != studyId) {
            return;
        }
        last = progress;
        if (tty) {
            out.print("\r" + render(progress) + "   ");
            out.flush();
        }
    }

    @Override
    public synchronized void onTrial(StudyRecord study, TrialRecord trial) {
        if (study.id() != studyId || !trial.state().isTerminal()) {
            return;
        }
        String reason = trial.reason().length() > 110 ? trial.reason().substring(0, 107) + "..." : trial.reason();
        String result = trial.state().name().equals("SUCCEEDED") ? formatBest.apply(trial.objective())
                : trial.state().name().toLowerCase(Locale.ROOT) + " (" + reason + ")";
        if (tty) {
            out.print("\r" + " ".repeat(100) + "\r");
        }
        out.println("  trial " + trial.number() + ": " + result);
        if (tty && last != null) {
            out.print(render(last) + "   ");
            out.flush();
        }
    }

    synchronized void finish() {
        if (tty) {
            out.println();
        }
    }

    String render(StudyProgress p) {
        int width = 30;
        int filled = p.budget() == 0 ? 0 : Math.min(width, p.done() * width / p.budget());
        long s = p.elapsedMs() / 1000;
        return String.format(Locale.ROOT, "[%s%s] %d/%d trials | running %d | best %s | %02d:%02d",
                "#".repeat(filled), ".".repeat(width - filled), p.done(), p.budget(), p.running(),
                p.best().isPresent() ? formatBest.apply(p.best().getAsDouble()) : "-", s / 60, s % 60);
    }
}
