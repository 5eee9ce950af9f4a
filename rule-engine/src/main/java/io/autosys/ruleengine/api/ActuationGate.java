package io.autosys.ruleengine.api;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.FailureKind;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.Observation;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.TargetControl;
import io.autosys.sdk.api.TrialCall;
import io.autosys.sdk.api.TrialOutcome;
import io.autosys.sdk.api.TrialProgress;
import io.autosys.sdk.api.TrialRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The one way to actuate a target: every Apply and RunTrial goes through here, and nothing
 * reaches the target without an accepting verdict from the engine's current rule set.
 *
 * <p>The gate owns the {@link TargetControl} and never hands it out: callers that hold the gate
 * can describe, observe, check, apply and run trials, and nothing else. {@link #apply} merges
 * partial changes onto the live configuration ({@link io.autosys.sdk.api.ParameterSpace#overlay})
 * and checks and sends the complete result, so what reaches the target is exactly what was
 * checked. A verdict counts only if it came from the rule set active right before the call;
 * after a reload in between, the proposal is checked again.
 *
 * <p>Trials that crash the target (outcome CRASHED) add their exact configuration to the
 * known-bad set for the target's service kind, so no later proposal repeats them.
 */
public final class ActuationGate implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ActuationGate.class.getName());
    private static final int CHECK_ATTEMPTS = 3;

    private final TargetControl target;
    private final RuleEngine rules;
    private final boolean markCrashesKnownBad;
    private volatile SystemDescription description;

    /** A gate that marks crashing trial configurations known-bad. */
    public ActuationGate(TargetControl target, RuleEngine rules) {
        this(target, rules, true);
    }

    public ActuationGate(TargetControl target, RuleEngine rules, boolean markCrashesKnownBad) {
        this(target, rules, Objects.requireNonNull(target, "target").describe(), markCrashesKnownBad);
    }

    /**
     * A gate with a description the caller already has (a registered target's), so making the gate
     * needs no call to a target that may be down right now.
     */
    public ActuationGate(TargetControl target, RuleEngine rules, SystemDescription description,
            boolean markCrashesKnownBad) {
        this.target = Objects.requireNonNull(target, "target");
        this.rules = Objects.requireNonNull(rules, "rule engine");
        this.markCrashesKnownBad = markCrashesKnownBad;
        this.description = Objects.requireNonNull(description, "target description");
    }

    /** The target's description, as fetched when the gate was made (or last refreshed). */
    public SystemDescription describe() {
        return description;
    }

    /** Fetches the description again (after the target changed its knobs). */
    public SystemDescription refreshDescription() {
        description = Objects.requireNonNull(target.describe(), "target description");
        return description;
    }

    /** A snapshot of the live system. */
    public Observation observe() {
        return target.observe();
    }

    /** A dry run: the verdict for a complete configuration as a trial (no live facts); nothing is actuated. */
    public Verdict checkTrial(Configuration configuration) {
        return rules.check(new Proposal(configuration, description, Configuration.empty(), Metrics.empty(),
                Purpose.TRIAL));
    }

    /** A dry run: the verdict for a complete configuration, with the live facts; nothing is actuated. */
    public Verdict check(Configuration configuration) {
        Observation live = target.observe();
        return rules.check(new Proposal(configuration, description, live.configuration(), live.metrics(),
                Purpose.CHECK));
    }

    /**
     * Applies {@code changes} (partial or complete) to the live system when the rules accept the
     * merged configuration; throws {@link RejectedByRulesException} with the verdict otherwise.
     */
    public Actuation apply(Configuration changes, String reason) {
        Objects.requireNonNull(changes, "changes");
        SystemDescription d = description;
        for (int attempt = 1; ; attempt++) {
            Observation live = target.observe();
            Configuration proposed = d.space().overlay(live.configuration(), changes);
            Verdict v = rules.check(new Proposal(proposed, d, live.configuration(), live.metrics(), Purpose.APPLY));
            if (v.rejected()) {
                throw new RejectedByRulesException(d.systemId(), proposed, v);
            }
            if (current(v, attempt)) {
                return new Actuation(target.apply(proposed, reason), v, proposed);
            }
        }
    }

    /**
     * Starts a trial when the rules accept its configuration; throws
     * {@link RejectedByRulesException} with the verdict otherwise (the target is not called).
     */
    public TrialCall startTrial(TrialRequest request, Duration deadline, Consumer<TrialProgress> onProgress) {
        GatedTrial t = tryStartTrial(request, deadline, onProgress);
        if (t instanceof GatedTrial.Started s) {
            return s.call();
        }
        throw new RejectedByRulesException(description.systemId(), request.configuration(), t.verdict());
    }

    /**
     * Starts a trial when the rules accept its configuration; otherwise returns the rejection with
     * the infeasible REJECTED outcome the trial manager records, without calling the target.
     */
    public GatedTrial tryStartTrial(TrialRequest request, Duration deadline, Consumer<TrialProgress> onProgress) {
        Objects.requireNonNull(request, "trial request");
        SystemDescription d = description;
        for (int attempt = 1; ; attempt++) {
            // A trial runs on a replica or a fresh instance, not on the live system: its proposal
            // carries no live facts (observing a live system can cost a workload window).
            Verdict v = rules.check(new Proposal(request.configuration(), d, Configuration.empty(), Metrics.empty(),
                    Purpose.TRIAL));
            if (v.rejected()) {
                return new GatedTrial.Rejected(v, TrialOutcome.failed(FailureKind.REJECTED, v.summary(), 0));
            }
            if (current(v, attempt)) {
                TrialCall call = target.startTrial(request, deadline, onProgress);
                return new GatedTrial.Started(v, markCrashesKnownBad ? new CrashMarkingCall(call, request, d) : call);
            }
        }
    }

    /** Runs a trial to its end; a rejected configuration gives a REJECTED outcome without calling the target. */
    public TrialOutcome runTrial(TrialRequest request, Duration deadline, Consumer<TrialProgress> onProgress) {
        GatedTrial t = tryStartTrial(request, deadline, onProgress);
        if (t instanceof GatedTrial.Started s) {
            return s.call().await();
        }
        return ((GatedTrial.Rejected) t).outcome();
    }

    /**
     * Evaluates the feedback rules after an actuation and does what they ask: marks the actuated
     * configuration known-bad, rolls back to {@code previous} (itself checked like any apply), and
     * returns the alerts for the caller to deliver.
     */
    public FeedbackResult afterActuation(Metrics before, Metrics after, Configuration actuated,
            Configuration previous) {
        SystemDescription d = description;
        List<FeedbackAction> actions = rules.evaluateFeedback(new FeedbackFacts(before, after, actuated, previous, d));
        Optional<KnownBad> marked = Optional.empty();
        String markReasons = reasons(actions, FeedbackAction.Kind.MARK_KNOWN_BAD);
        if (!markReasons.isEmpty()) {
            marked = Optional.of(rules.knownBad().add(d.serviceKind(), KnownBadPattern.exact(actuated), markReasons,
                    KnownBad.Origin.FEEDBACK));
        }
        Optional<Actuation> rollback = Optional.empty();
        Optional<Verdict> refused = Optional.empty();
        String rollbackReasons = reasons(actions, FeedbackAction.Kind.ROLLBACK);
        if (!rollbackReasons.isEmpty()) {
            try {
                rollback = Optional.of(apply(previous, "rollback: " + rollbackReasons));
            } catch (RejectedByRulesException e) {
                refused = Optional.of(e.verdict());
            }
        }
        return new FeedbackResult(actions, marked, rollback, refused);
    }

    private static String reasons(List<FeedbackAction> actions, FeedbackAction.Kind kind) {
        return actions.stream().filter(a -> a.kind() == kind).map(a -> a.rule() + ": " + a.reason())
                .collect(Collectors.joining("; "));
    }

    /** True when {@code v} came from the rule set that is active now; gives up after a few reloads in a row. */
    private boolean current(Verdict v, int attempt) {
        if (v.ruleSet().equals(rules.version())) {
            return true;
        }
        if (attempt >= CHECK_ATTEMPTS) {
            throw new IllegalStateException("the rule set changed during each of " + CHECK_ATTEMPTS
                    + " checks for '" + description.systemId() + "'; nothing was actuated, try again");
        }
        return false;
    }

    /** Closes the target connection. */
    @Override
    public void close() {
        target.close();
    }

    @Override
    public String toString() {
        return "ActuationGate[" + description.systemId() + "]";
    }

    /** Passes a trial call through and adds its configuration to the known-bad set when it crashed the target. */
    private final class CrashMarkingCall implements TrialCall {
        private final TrialCall inner;
        private final CompletableFuture<TrialOutcome> outcome;

        CrashMarkingCall(TrialCall inner, TrialRequest request, SystemDescription d) {
            this.inner = inner;
            this.outcome = inner.outcome().thenApply(o -> {
                if (o instanceof TrialOutcome.Failed f && f.kind() == FailureKind.CRASHED) {
                    try {
                        rules.knownBad().add(d.serviceKind(), KnownBadPattern.exact(request.configuration()),
                                "crashed the target in trial '" + request.trialId() + "': " + f.reason(),
                                KnownBad.Origin.TRIAL_CRASH);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "could not mark a crashing configuration known-bad", e);
                    }
                }
                return o;
            });
        }

        @Override
        public CompletableFuture<TrialOutcome> outcome() {
            return outcome;
        }

        @Override
        public void cancel(String reason) {
            inner.cancel(reason);
        }
    }
}
