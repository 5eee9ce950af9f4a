package io.autosys.modeltrainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autosys.candidategenerator.api.Rng;
import io.autosys.candidategenerator.designers.Encoding;
import io.autosys.candidategenerator.designers.gp.GaussianProcess;
import io.autosys.candidategenerator.designers.gp.HyperparameterFit;
import io.autosys.modelrepository.api.ModelRepository;
import io.autosys.modelrepository.api.ModelVersion;
import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.TargetRecord;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.modelrepository.api.TrialState;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.Value;
import io.autosys.sdk.proto.ProtoJson;
import io.autosys.trialmanager.StudyListener;
import io.autosys.trialmanager.spec.ResolvedStudy;
import io.autosys.trialmanager.spec.StudySpecParser;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Refits each study's surrogate (a Gaussian process on the encoded search space, hyper-parameters
 * by marginal likelihood) as results arrive, on a thread of its own, off the suggestion path; a
 * burst of results coalesces into one refit. Every fit is stored as a new model version keyed by
 * the study's service kind and workload signature, with its recommended configuration (the
 * observed configuration with the best posterior mean, which discounts a lucky noisy trial) and
 * fit diagnostics, so the inference plane and later studies of the same kind can use it.
 */
public final class ModelTrainer implements StudyListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ModelTrainer.class.getName());
    public static final String MODEL_TYPE = "gp";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIN_TRIALS = 3;

    private final ModelRepository repo;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "autosys-model-trainer");
        t.setDaemon(true);
        return t;
    });
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();

    public ModelTrainer(ModelRepository repo) {
        this.repo = repo;
    }

    @Override
    public void onTrial(StudyRecord study, TrialRecord trial) {
        if (trial.state() == TrialState.SUCCEEDED && pending.add(study.id())) {
            try {
                executor.execute(() -> {
                    pending.remove(study.id());
                    try {
                        refit(study.id());
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "refit of study " + study.name() + " failed", e);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.remove(study.id());
            }
        }
    }

    /** Fits and stores a new model version of the study now; empty when it has too few successful trials. */
    public Optional<ModelVersion> refit(long studyId) {
        StudyRecord study = repo.study(studyId).orElseThrow(() -> new IllegalArgumentException("no study " + studyId));
        TargetRecord target = repo.target(study.systemId()).orElseThrow(() -> new IllegalStateException("study "
                + study.name() + " tunes unregistered target " + study.systemId()));
        ResolvedStudy resolved = ResolvedStudy.resolve(StudySpecParser.parse(study.specJson(), "study " + study.name()),
                target.description(), n -> true, "study " + study.name());
        List<TrialRecord> ok = repo.trials(studyId).stream().filter(t -> t.state() == TrialState.SUCCEEDED).toList();
        if (ok.size() < MIN_TRIALS) {
            return Optional.empty();
        }
        long t0 = System.nanoTime();
        var encoding = new Encoding(resolved.searchSpace());
        double sign = resolved.goal() == Goal.MAXIMIZE ? -1 : 1; // the GP minimises
        double[][] x = new double[ok.size()][];
        double[] raw = new double[ok.size()];
        for (int i = 0; i < ok.size(); i++) {
            x[i] = encoding.features(searchPart(ok.get(i).configuration(), resolved));
            raw[i] = sign * ok.get(i).objective();
        }
        double mean = 0;
        for (double v : raw) {
            mean += v;
        }
        mean /= raw.length;
        double var = 0;
        for (double v : raw) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / Math.max(1, raw.length - 1));
        if (!(sd > 0)) {
            sd = 1;
        }
        double[] y = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            y[i] = (raw[i] - mean) / sd;
        }
        double[] previous = repo.latestModel(studyId, MODEL_TYPE).flatMap(ModelTrainer::theta).orElse(null);
        if (previous != null && previous.length != encoding.featureDims() + 2) {
            previous = null;
        }
        double[] theta = new HyperparameterFit(x, y).fit(previous, 2, 60, new Rng(studyId * 31 + ok.size()));
        GaussianProcess gp = GaussianProcess.condition(x, y, theta);
        if (gp == null) {
            return Optional.empty();
        }
        int best = 0;
        double bestMean = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            double m = gp.predict(x[i])[0];
            if (m < bestMean) {
                bestMean = m;
                best = i;
            }
        }
        double[][] loo = gp.leaveOneOut();
        double sq = 0;
        for (int i = 0; i < y.length; i++) {
            sq += (y[i] - loo[0][i]) * (y[i] - loo[0][i]);
        }
        double looRmse = Math.sqrt(sq / y.length);
        double fitMs = (System.nanoTime() - t0) / 1e6;
        TrialRecord rec = ok.get(best);
        ObjectNode payload = JSON.createObjectNode();
        payload.put("model", MODEL_TYPE);
        ArrayNode names = payload.putArray("parameters");
        resolved.searchSpace().parameters().forEach(p -> names.add(p.name()));
        ArrayNode th = payload.putArray("theta");
        for (double v : theta) {
            th.add(v);
        }
        payload.put("y_mean", mean);
        payload.put("y_sd", sd);
        payload.put("sign", sign);
        payload.put("trials", ok.size());
        payload.put("recommended_trial", rec.number());
        payload.put("recommended_objective", rec.objective());
        payload.put("predicted_objective", sign * (bestMean * sd + mean));
        payload.set("recommended", JSON.valueToTree(Map.of("json", ProtoJson.toJson(rec.configuration()))));
        Map<String, Double> quality = new LinkedHashMap<>();
        quality.put("trials", (double) ok.size());
        quality.put("loo_rmse_standardized", looRmse);
        quality.put("fit_ms", fitMs);
        ModelVersion v = repo.saveModel(study.serviceKind(), study.workloadSignature(), studyId, MODEL_TYPE,
                payload.toString().getBytes(StandardCharsets.UTF_8), quality);
        LOG.log(System.Logger.Level.DEBUG, "study {0}: model v{1} from {2} trials (LOO RMSE {3}, {4} ms)",
                study.name(), v.version(), ok.size(), looRmse, fitMs);
        return Optional.of(v);
    }

    /** The recommended configuration a model version carries. */
    public static Configuration recommended(ModelVersion v) {
        try {
            var node = JSON.readTree(new String(v.payload(), StandardCharsets.UTF_8));
            return ProtoJson.configurationFromJson(node.get("recommended").get("json").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("model version " + v.id() + " has a corrupt payload", e);
        }
    }

    private static Optional<double[]> theta(ModelVersion v) {
        try {
            var node = JSON.readTree(new String(v.payload(), StandardCharsets.UTF_8)).get("theta");
            double[] t = new double[node.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = node.get(i).asDouble();
            }
            return Optional.of(t);
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Configuration searchPart(Configuration full, ResolvedStudy resolved) {
        var m = new LinkedHashMap<String, Value>();
        for (var p : resolved.searchSpace().parameters()) {
            full.find(p.name()).ifPresent(v -> m.put(p.name(), v));
        }
        return resolved.searchSpace().complete(Configuration.of(m));
    }

    /** Waits for queued refits (tests, orderly shutdown). */
    public void drain() throws InterruptedException {
        var f = executor.submit(() -> {
        });
        try {
            f.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
