package io.autosys.modelrepository.jdbc;

import static io.autosys.modelrepository.jdbc.Check.ADDRESS_MAX;
import static io.autosys.modelrepository.jdbc.Check.MODEL_TYPE_MAX;
import static io.autosys.modelrepository.jdbc.Check.NAME_MAX;
import static io.autosys.modelrepository.jdbc.Check.SCOPE_MAX;
import static io.autosys.modelrepository.jdbc.Check.SOURCE_MAX;

import io.autosys.modelrepository.api.BestConfiguration;
import io.autosys.modelrepository.api.DesignerSnapshot;
import io.autosys.modelrepository.api.IntermediateMetrics;
import io.autosys.modelrepository.api.KnownBadRecord;
import io.autosys.modelrepository.api.ModelRepository;
import io.autosys.modelrepository.api.ModelVersion;
import io.autosys.modelrepository.api.RepositoryException;
import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.StudyState;
import io.autosys.modelrepository.api.TargetRecord;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.modelrepository.api.TrialResult;
import io.autosys.modelrepository.api.TrialState;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.proto.ProtoJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The model repository over JDBC: an embedded H2 file by default, PostgreSQL in production, the
 * same Flyway migrations ({@code db/migration}) and the same SQL on both.
 *
 * <p><b>Migrations run on construction.</b> Flyway brings the schema up to date before the
 * first call (a no-op when it is current), so a repository that exists is usable, and a process
 * that restarts after an upgrade migrates itself. {@link #migrate(DataSource)} runs them alone,
 * for tools that manage the schema separately.
 *
 * <p><b>Exactly once.</b> Every method is one transaction, so a failed call changes nothing.
 * Trial numbers come from a counter on the study row, incremented in the transaction that
 * inserts the trial (the row lock orders concurrent callers: 1, 2, 3... without gaps or
 * duplicates). A trial's result is written by a conditional update that only matches an open
 * (PENDING or RUNNING) trial, so of any number of concurrent or repeated completions exactly one
 * returns true. Committed transactions are durable: PostgreSQL by its WAL, H2 by writing its
 * store at every commit (WRITE_DELAY=0, see {@link Databases#H2_SETTINGS}); CrashTest kills a
 * writing process to show it.
 *
 * <p>Standalone use: {@link #h2File(Path)} or {@link #connect(String, String, String)}, which own
 * their connection pool and close it in {@link #close()}. Services pass their own (Agroal)
 * data source to the constructor and close it themselves.
 */
public final class JdbcModelRepository implements ModelRepository {
    private static final String OPEN = "('PENDING', 'RUNNING')";
    private static final String STUDY_COLUMNS = "id, name, system_id, service_kind, spec_json, state, state_reason, "
            + "workload_signature_json, created_at, updated_at";
    private static final String TRIAL_COLUMNS = "study_id, number, configuration_json, fidelity, state, objective, "
            + "metrics_json, reason, attempts, metadata_json, created_at, started_at, finished_at";
    private static final String MODEL_COLUMNS = "id, service_kind, workload_signature_json, study_id, version, "
            + "model_type, payload, quality_json, created_at";
    private static final String BEST_COLUMNS = "scope, study_id, trial_number, configuration_json, objective, "
            + "metrics_json, workload_signature_json, updated_at";
    private static final String KNOWN_BAD_COLUMNS = "id, service_kind, exact_json, region, reason, source, created_at";

    private final Transactions tx;
    private final Clock clock;
    private final AutoCloseable ownedPool;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A repository over a data source the caller owns (and closes); migrates the schema. */
    public JdbcModelRepository(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    /** As {@link #JdbcModelRepository(DataSource)}, with the clock that stamps creation and update times. */
    public JdbcModelRepository(DataSource dataSource, Clock clock) {
        this(dataSource, clock, null);
    }

    private JdbcModelRepository(DataSource dataSource, Clock clock, AutoCloseable ownedPool) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ownedPool = ownedPool;
        Databases.prepare(dataSource);
        migrate(dataSource);
        this.tx = new Transactions(dataSource);
    }

    /**
     * The embedded default: an H2 file {@code autosys.mv.db} in {@code dataDir} (created if
     * missing), in PostgreSQL mode, writing every commit to the file.
     */
    public static JdbcModelRepository h2File(Path dataDir) {
        return h2File(dataDir, Clock.systemUTC());
    }

    public static JdbcModelRepository h2File(Path dataDir, Clock clock) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path dir = dataDir.toAbsolutePath();
        if (dir.toString().contains(";")) {
            throw new IllegalArgumentException("data directory '" + dir + "' contains ';', which H2 URLs cannot hold");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RepositoryException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        return connect("jdbc:h2:file:" + dir.resolve("autosys") + ";AUTO_SERVER=FALSE", "sa", "", clock);
    }

    /**
     * A repository on a PostgreSQL ({@code jdbc:postgresql:...}) or H2 ({@code jdbc:h2:...})
     * URL, with a pool of {@value Databases#POOL_SIZE} connections. H2 URLs get the settings of
     * {@link Databases#H2_SETTINGS} they do not set themselves.
     */
    public static JdbcModelRepository connect(String url, String user, String password) {
        return connect(url, user, password, Clock.systemUTC());
    }

    public static JdbcModelRepository connect(String url, String user, String password, Clock clock) {
        Databases.Pool pool = Databases.open(url, user, password);
        try {
            return new JdbcModelRepository(pool.dataSource(), clock, pool.closer());
        } catch (RuntimeException e) {
            try {
                pool.closer().close();
            } catch (Exception c) {
                e.addSuppressed(c);
            }
            throw e;
        }
    }

    /** Brings the schema of {@code dataSource} up to date (what the constructor does first). */
    public static void migrate(DataSource dataSource) {
        try {
            Flyway.configure(JdbcModelRepository.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new RepositoryException("migrating the model repository schema failed: " + e.getMessage(), e);
        }
    }

    private Instant now() {
        return Codec.micros(clock.instant());
    }

    // ---- targets -------------------------------------------------------------------------------

    @Override
    public TargetRecord registerTarget(String address, boolean tls, SystemDescription description) {
        Check.notNull("target description", description);
        Check.text("target address", address, ADDRESS_MAX);
        if (address.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("target address '" + address + "' contains whitespace");
        }
        String systemId = Check.text("system id", description.systemId(), NAME_MAX);
        Check.text("service kind", description.serviceKind(), NAME_MAX);
        String json = ProtoJson.toJson(description);
        return tx.write("registering target " + systemId, c -> {
            Instant now = now();
            int updated = update(c, "UPDATE targets SET address = ?, tls = ?, service_kind = ?, description_json = ?, "
                    + "updated_at = ? WHERE system_id = ?", address, tls, description.serviceKind(), json, now, systemId);
            if (updated == 0) {
                // ON CONFLICT: a concurrent registration of the same id may have won; refresh it then
                int inserted = update(c, "INSERT INTO targets (system_id, service_kind, address, tls, description_json, "
                        + "registered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        systemId, description.serviceKind(), address, tls, json, now, now);
                if (inserted == 0) {
                    update(c, "UPDATE targets SET address = ?, tls = ?, service_kind = ?, description_json = ?, "
                            + "updated_at = ? WHERE system_id = ?", address, tls, description.serviceKind(), json, now,
                            systemId);
                }
            }
            return findTarget(c, systemId).orElseThrow();
        });
    }

    @Override
    public Optional<TargetRecord> target(String systemId) {
        Check.notNull("system id", systemId);
        return tx.read("reading target " + systemId, c -> findTarget(c, systemId));
    }

    @Override
    public List<TargetRecord> targets() {
        return tx.read("listing targets", c -> query(c, "SELECT system_id, address, tls, description_json, registered_at "
                + "FROM targets ORDER BY system_id", JdbcModelRepository::targetRow));
    }

    private static Optional<TargetRecord> findTarget(Connection c, String systemId) throws SQLException {
        return first(query(c, "SELECT system_id, address, tls, description_json, registered_at FROM targets "
                + "WHERE system_id = ?", JdbcModelRepository::targetRow, systemId));
    }

    private static TargetRecord targetRow(ResultSet rs) throws SQLException {
        return new TargetRecord(rs.getString("system_id"), rs.getString("address"), rs.getBoolean("tls"),
                ProtoJson.descriptionFromJson(rs.getString("description_json")), Codec.getTime(rs, "registered_at"));
    }

    // ---- studies -------------------------------------------------------------------------------

    @Override
    public StudyRecord createStudy(String name, String systemId, String serviceKind, String specJson,
            Map<String, Double> workloadSignature) {
        Check.text("study name", name, NAME_MAX);
        Check.text("system id", systemId, NAME_MAX);
        Check.text("service kind", serviceKind, NAME_MAX);
        if (specJson == null || specJson.isBlank()) {
            throw new IllegalArgumentException("study '" + name + "': specification is empty");
        }
        String signature = Codec.doublesToJson(Check.finiteMap("workload signature", workloadSignature));
        return tx.write("creating study " + name, c -> {
            Instant now = now();
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO studies (name, system_id, service_kind, "
                    + "spec_json, state, state_reason, workload_signature_json, next_trial, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, 'PENDING', '', ?, 1, ?, ?)", new String[] {"id"})) {
                bind(ps, name, systemId, serviceKind, specJson, signature, now, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            } catch (SQLException e) {
                if (isUniqueViolation(e)) {
                    throw new IllegalArgumentException("a study named '" + name + "' already exists", e);
                }
                throw e;
            }
            return findStudy(c, id).orElseThrow();
        });
    }

    @Override
    public Optional<StudyRecord> study(long id) {
        return tx.read("reading study " + id, c -> findStudy(c, id));
    }

    @Override
    public Optional<StudyRecord> studyByName(String name) {
        Check.notNull("study name", name);
        return tx.read("reading study " + name, c -> first(query(c, "SELECT " + STUDY_COLUMNS
                + " FROM studies WHERE name = ?", JdbcModelRepository::studyRow, name)));
    }

    @Override
    public List<StudyRecord> studies(List<StudyState> states) {
        List<StudyState> wanted = states == null ? List.of() : Check.noNulls("study states", states);
        String where = wanted.isEmpty() ? "" : " WHERE state IN " + inList(wanted);
        return tx.read("listing studies", c -> query(c, "SELECT " + STUDY_COLUMNS + " FROM studies" + where
                + " ORDER BY id DESC", JdbcModelRepository::studyRow));
    }

    @Override
    public boolean transitionStudy(long id, List<StudyState> from, StudyState to, String reason) {
        Check.noNulls("from states", from);
        if (from.isEmpty()) {
            throw new IllegalArgumentException("study " + id + ": from states are empty");
        }
        Check.notNull("target state", to);
        String why = reason == null ? "" : reason;
        return tx.write("moving study " + id + " to " + to, c -> {
            int n = update(c, "UPDATE studies SET state = ?, state_reason = ?, updated_at = ? WHERE id = ? AND state IN "
                    + inList(from), to.name(), why, now(), id);
            if (n == 0) {
                requireStudy(c, id);
            }
            return n == 1;
        });
    }

    private static Optional<StudyRecord> findStudy(Connection c, long id) throws SQLException {
        return first(query(c, "SELECT " + STUDY_COLUMNS + " FROM studies WHERE id = ?", JdbcModelRepository::studyRow,
                id));
    }

    private static StudyRecord studyRow(ResultSet rs) throws SQLException {
        return new StudyRecord(rs.getLong("id"), rs.getString("name"), rs.getString("system_id"),
                rs.getString("service_kind"), rs.getString("spec_json"), StudyState.valueOf(rs.getString("state")),
                rs.getString("state_reason"), Codec.doublesFromJson(rs.getString("workload_signature_json"),
                        "workload signature"), Codec.getTime(rs, "created_at"), Codec.getTime(rs, "updated_at"));
    }

    /** Throws naming the study unless it exists; returns its service kind. */
    private static String requireStudy(Connection c, long id) throws SQLException {
        List<String> kind = query(c, "SELECT service_kind FROM studies WHERE id = ?", rs -> rs.getString(1), id);
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("study " + id + " does not exist");
        }
        return kind.get(0);
    }

    /** Throws naming the study or the trial unless the trial exists. */
    private static void requireTrial(Connection c, long studyId, long number) throws SQLException {
        if (query(c, "SELECT 1 FROM trials WHERE study_id = ? AND number = ?", rs -> 1, studyId, number).isEmpty()) {
            requireStudy(c, studyId);
            throw new IllegalArgumentException("study " + studyId + " has no trial " + number);
        }
    }

    // ---- trials --------------------------------------------------------------------------------

    @Override
    public TrialRecord createTrial(long studyId, Configuration configuration, double fidelity,
            Map<String, String> metadata) {
        Check.notNull("trial configuration", configuration);
        if (!(fidelity > 0 && fidelity <= 1)) {
            throw new IllegalArgumentException("trial fidelity must be in (0, 1], got " + fidelity);
        }
        String metadataJson = Codec.stringsToJson(Check.stringMap("trial metadata", metadata));
        String configJson = ProtoJson.toJson(configuration);
        return tx.write("creating a trial of study " + studyId, c -> {
            // the UPDATE takes the study row's lock until commit: concurrent callers queue here
            if (update(c, "UPDATE studies SET next_trial = next_trial + 1 WHERE id = ?", studyId) == 0) {
                throw new IllegalArgumentException("study " + studyId + " does not exist");
            }
            long number = query(c, "SELECT next_trial - 1 FROM studies WHERE id = ?", rs -> rs.getLong(1), studyId)
                    .get(0);
            update(c, "INSERT INTO trials (study_id, number, configuration_json, fidelity, state, objective, "
                    + "metrics_json, reason, attempts, metadata_json, created_at) "
                    + "VALUES (?, ?, ?, ?, 'PENDING', NULL, ?, '', 0, ?, ?)",
                    studyId, number, configJson, fidelity, ProtoJson.toJson(Metrics.empty()), metadataJson, now());
            return findTrial(c, studyId, number).orElseThrow();
        });
    }

    @Override
    public boolean markTrialRunning(long studyId, long number, Instant at) {
        Check.notNull("start time", at);
        return tx.write("starting trial " + studyId + "/" + number, c -> {
            int n = update(c, "UPDATE trials SET state = 'RUNNING', attempts = attempts + 1, started_at = ? "
                    + "WHERE study_id = ? AND number = ? AND state IN " + OPEN, at, studyId, number);
            if (n == 0) {
                requireTrial(c, studyId, number);
            }
            return n == 1;
        });
    }

    @Override
    public boolean completeTrial(long studyId, long number, TrialResult result, Instant at) {
        Check.notNull("trial result", result);
        Check.notNull("finish time", at);
        Double objective = result.state() == TrialState.SUCCEEDED ? result.objective() : null;
        String metricsJson = ProtoJson.toJson(result.metrics());
        return tx.write("completing trial " + studyId + "/" + number, c -> {
            // only an open trial matches: the first completion wins, every later one changes nothing
            int n = update(c, "UPDATE trials SET state = ?, objective = ?, metrics_json = ?, reason = ?, finished_at = ? "
                    + "WHERE study_id = ? AND number = ? AND state IN " + OPEN,
                    result.state().name(), objective, metricsJson, result.reason(), at, studyId, number);
            if (n == 0) {
                requireTrial(c, studyId, number);
            }
            return n == 1;
        });
    }

    @Override
    public Optional<TrialRecord> trial(long studyId, long number) {
        return tx.read("reading trial " + studyId + "/" + number, c -> findTrial(c, studyId, number));
    }

    @Override
    public List<TrialRecord> trials(long studyId) {
        return tx.read("listing trials of study " + studyId, c -> {
            requireStudy(c, studyId);
            return query(c, "SELECT " + TRIAL_COLUMNS + " FROM trials WHERE study_id = ? ORDER BY number",
                    JdbcModelRepository::trialRow, studyId);
        });
    }

    @Override
    public Map<TrialState, Long> trialCounts(long studyId) {
        return tx.read("counting trials of study " + studyId, c -> {
            requireStudy(c, studyId);
            var counts = new EnumMap<TrialState, Long>(TrialState.class);
            for (TrialState s : TrialState.values()) {
                counts.put(s, 0L);
            }
            for (Object[] row : query(c, "SELECT state, COUNT(*) FROM trials WHERE study_id = ? GROUP BY state",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)}, studyId)) {
                counts.put(TrialState.valueOf((String) row[0]), (Long) row[1]);
            }
            return Collections.unmodifiableMap(counts);
        });
    }

    @Override
    public void addIntermediate(long studyId, long number, long step, Metrics metrics) {
        Check.nonNegative("step", step);
        Check.notNull("intermediate metrics", metrics);
        String json = ProtoJson.toJson(metrics);
        tx.write("recording step " + step + " of trial " + studyId + "/" + number, c -> {
            requireTrial(c, studyId, number);
            // a repeated (trial, step) is a retry: the first report stands
            update(c, "INSERT INTO intermediates (study_id, number, step, metrics_json, created_at) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", studyId, number, step, json, now());
            return null;
        });
    }

    @Override
    public List<IntermediateMetrics> intermediates(long studyId) {
        return tx.read("listing intermediates of study " + studyId, c -> {
            requireStudy(c, studyId);
            return query(c, "SELECT study_id, number, step, metrics_json FROM intermediates WHERE study_id = ? "
                    + "ORDER BY number, step", rs -> new IntermediateMetrics(rs.getLong(1), rs.getLong(2),
                            rs.getLong(3), ProtoJson.metricsFromJson(rs.getString(4))), studyId);
        });
    }

    private static Optional<TrialRecord> findTrial(Connection c, long studyId, long number) throws SQLException {
        return first(query(c, "SELECT " + TRIAL_COLUMNS + " FROM trials WHERE study_id = ? AND number = ?",
                JdbcModelRepository::trialRow, studyId, number));
    }

    private static TrialRecord trialRow(ResultSet rs) throws SQLException {
        return new TrialRecord(rs.getLong("study_id"), rs.getLong("number"),
                ProtoJson.configurationFromJson(rs.getString("configuration_json")), rs.getDouble("fidelity"),
                TrialState.valueOf(rs.getString("state")), Codec.getDoubleOrNaN(rs, "objective"),
                ProtoJson.metricsFromJson(rs.getString("metrics_json")), rs.getString("reason"), rs.getInt("attempts"),
                Codec.getTime(rs, "created_at"), Codec.getTime(rs, "started_at"), Codec.getTime(rs, "finished_at"),
                Codec.stringsFromJson(rs.getString("metadata_json"), "trial metadata"));
    }

    // ---- designer snapshots ----------------------------------------------------------------------

    @Override
    public DesignerSnapshot saveSnapshot(long studyId, String designer, byte[] state, long trialsSeen) {
        Check.text("designer name", designer, NAME_MAX);
        Check.notNull("designer state", state);
        Check.nonNegative("trials seen", trialsSeen);
        byte[] copy = state.clone();
        return tx.write("saving a designer snapshot of study " + studyId, c -> {
            lockStudy(c, studyId);
            long version = query(c, "SELECT COALESCE(MAX(version), 0) + 1 FROM designer_snapshots WHERE study_id = ?",
                    rs -> rs.getLong(1), studyId).get(0);
            Instant now = now();
            update(c, "INSERT INTO designer_snapshots (study_id, version, designer, state, trials_seen, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", studyId, version, designer, copy, trialsSeen, now);
            return new DesignerSnapshot(studyId, version, designer, copy.clone(), trialsSeen, now);
        });
    }

    @Override
    public Optional<DesignerSnapshot> latestSnapshot(long studyId) {
        return tx.read("reading the designer snapshot of study " + studyId, c -> first(query(c,
                "SELECT study_id, version, designer, state, trials_seen, created_at FROM designer_snapshots "
                        + "WHERE study_id = ? ORDER BY version DESC FETCH FIRST 1 ROWS ONLY",
                rs -> new DesignerSnapshot(rs.getLong("study_id"), rs.getLong("version"), rs.getString("designer"),
                        rs.getBytes("state"), rs.getLong("trials_seen"), Codec.getTime(rs, "created_at")),
                studyId)));
    }

    /** Locks the study row until commit (orders per-study version numbers); throws if it is missing. */
    private static String lockStudy(Connection c, long id) throws SQLException {
        List<String> kind = query(c, "SELECT service_kind FROM studies WHERE id = ? FOR UPDATE", rs -> rs.getString(1),
                id);
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("study " + id + " does not exist");
        }
        return kind.get(0);
    }

    // ---- model versions ----------------------------------------------------------------------------

    @Override
    public ModelVersion saveModel(String serviceKind, Map<String, Double> workloadSignature, long studyId,
            String modelType, byte[] payload, Map<String, Double> quality) {
        Check.text("service kind", serviceKind, NAME_MAX);
        Check.text("model type", modelType, MODEL_TYPE_MAX);
        Check.notNull("model payload", payload);
        String signatureJson = Codec.doublesToJson(Check.finiteMap("workload signature", workloadSignature));
        String qualityJson = Codec.doublesToJson(Check.finiteMap("model quality", quality));
        byte[] copy = payload.clone();
        return tx.write("saving a " + modelType + " model of study " + studyId, c -> {
            String studyKind = lockStudy(c, studyId);
            if (!studyKind.equals(serviceKind)) {
                throw new IllegalArgumentException("study " + studyId + " tunes service kind '" + studyKind
                        + "', not '" + serviceKind + "'");
            }
            long version = query(c, "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE study_id = ? "
                    + "AND model_type = ?", rs -> rs.getLong(1), studyId, modelType).get(0);
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_versions (service_kind, "
                    + "workload_signature_json, study_id, version, model_type, payload, quality_json, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                bind(ps, serviceKind, signatureJson, studyId, version, modelType, copy, qualityJson, now());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            bumpChangeCounter(c);
            return first(query(c, "SELECT " + MODEL_COLUMNS + " FROM model_versions WHERE id = ?",
                    JdbcModelRepository::modelRow, id)).orElseThrow();
        });
    }

    @Override
    public Optional<ModelVersion> latestModel(long studyId, String modelType) {
        Check.notNull("model type", modelType);
        return tx.read("reading the latest " + modelType + " model of study " + studyId, c -> first(query(c,
                "SELECT " + MODEL_COLUMNS + " FROM model_versions WHERE study_id = ? AND model_type = ? "
                        + "ORDER BY version DESC FETCH FIRST 1 ROWS ONLY", JdbcModelRepository::modelRow, studyId,
                modelType)));
    }

    @Override
    public List<ModelVersion> models(String serviceKind) {
        Check.notNull("service kind", serviceKind);
        return tx.read("listing models of " + serviceKind, c -> query(c, "SELECT " + MODEL_COLUMNS
                + " FROM model_versions WHERE service_kind = ? ORDER BY id DESC", JdbcModelRepository::modelRow,
                serviceKind));
    }

    private static ModelVersion modelRow(ResultSet rs) throws SQLException {
        return new ModelVersion(rs.getLong("id"), rs.getString("service_kind"),
                Codec.doublesFromJson(rs.getString("workload_signature_json"), "workload signature"),
                rs.getLong("study_id"), rs.getLong("version"), rs.getString("model_type"), rs.getBytes("payload"),
                Codec.doublesFromJson(rs.getString("quality_json"), "model quality"), Codec.getTime(rs, "created_at"));
    }

    // ---- known-bad configurations --------------------------------------------------------------

    /**
     * Adds an entry, or returns the existing one when the same configuration (in any parameter
     * order) or the same region text is already stored for the service kind: a retried or
     * repeated report does not duplicate it, and the first reason and source stand. Adding and
     * removing bump {@link #changeCounter()}, so a cached copy (the rule engine's) knows to reload.
     */
    @Override
    public KnownBadRecord addKnownBad(String serviceKind, Configuration exact, String region, String reason,
            String source) {
        Check.text("service kind", serviceKind, NAME_MAX);
        if ((exact == null) == (region == null)) {
            throw new IllegalArgumentException("a known-bad entry for '" + serviceKind
                    + "' needs either an exact configuration or a region, " + (exact == null ? "got neither" : "not both"));
        }
        if (region != null && region.isBlank()) {
            throw new IllegalArgumentException("known-bad region for '" + serviceKind + "' is empty");
        }
        Check.text("known-bad source", source, SOURCE_MAX);
        String why = reason == null ? "" : reason;
        String exactJson = exact == null ? null : Codec.canonicalJson(exact);
        String key = Codec.sha256(serviceKind, exact == null ? "region" : "exact", exact == null ? region : exactJson);
        return tx.write("adding a known-bad entry for " + serviceKind, c -> {
            int added = update(c, "INSERT INTO known_bad (service_kind, exact_json, region, reason, source, entry_key, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    serviceKind, exactJson, region, why, source, key, now());
            if (added == 1) {
                bumpChangeCounter(c);
            }
            return first(query(c, "SELECT " + KNOWN_BAD_COLUMNS + " FROM known_bad WHERE entry_key = ?",
                    JdbcModelRepository::knownBadRow, key)).orElseThrow();
        });
    }

    @Override
    public List<KnownBadRecord> knownBad(String serviceKind) {
        if (serviceKind == null) {
            return tx.read("listing every known-bad entry", c -> query(c, "SELECT " + KNOWN_BAD_COLUMNS
                    + " FROM known_bad ORDER BY id", JdbcModelRepository::knownBadRow));
        }
        return tx.read("listing known-bad entries of " + serviceKind, c -> query(c, "SELECT " + KNOWN_BAD_COLUMNS
                + " FROM known_bad WHERE service_kind = ? ORDER BY id", JdbcModelRepository::knownBadRow, serviceKind));
    }

    @Override
    public boolean removeKnownBad(long id) {
        return tx.write("removing known-bad entry " + id, c -> {
            boolean removed = update(c, "DELETE FROM known_bad WHERE id = ?", id) == 1;
            if (removed) {
                bumpChangeCounter(c);
            }
            return removed;
        });
    }

    private static KnownBadRecord knownBadRow(ResultSet rs) throws SQLException {
        String exact = rs.getString("exact_json");
        return new KnownBadRecord(rs.getLong("id"), rs.getString("service_kind"),
                exact == null ? null : ProtoJson.configurationFromJson(exact), rs.getString("region"),
                rs.getString("reason"), rs.getString("source"), Codec.getTime(rs, "created_at"));
    }

    // ---- best configurations -------------------------------------------------------------------

    @Override
    public BestConfiguration offerBest(String scope, long studyId, long trialNumber, Configuration configuration,
            double objective, Metrics metrics, Map<String, Double> workloadSignature, boolean maximize) {
        Check.text("scope", scope, SCOPE_MAX);
        Check.notNull("configuration", configuration);
        Check.finite("objective offered for " + scope, objective);
        String configJson = ProtoJson.toJson(configuration);
        String metricsJson = ProtoJson.toJson(metrics == null ? Metrics.empty() : metrics);
        String signatureJson = Codec.doublesToJson(Check.finiteMap("workload signature", workloadSignature));
        return tx.write("offering the best configuration of " + scope, c -> {
            // the counter row's lock serialises every read-compare-write, across processes too
            query(c, "SELECT changes FROM change_counter WHERE id = 1 FOR UPDATE", rs -> rs.getLong(1));
            requireTrial(c, studyId, trialNumber);
            List<Double> current = query(c, "SELECT objective FROM best_configurations WHERE scope = ?",
                    rs -> rs.getDouble(1), scope);
            Instant now = now();
            if (current.isEmpty()) {
                update(c, "INSERT INTO best_configurations (scope, study_id, trial_number, configuration_json, objective, "
                        + "metrics_json, workload_signature_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        scope, studyId, trialNumber, configJson, objective, metricsJson, signatureJson, now);
                bumpChangeCounter(c);
            } else if (maximize ? objective > current.get(0) : objective < current.get(0)) {
                update(c, "UPDATE best_configurations SET study_id = ?, trial_number = ?, configuration_json = ?, "
                        + "objective = ?, metrics_json = ?, workload_signature_json = ?, updated_at = ? WHERE scope = ?",
                        studyId, trialNumber, configJson, objective, metricsJson, signatureJson, now, scope);
                bumpChangeCounter(c);
            }
            return findBest(c, scope).orElseThrow();
        });
    }

    @Override
    public Optional<BestConfiguration> best(String scope) {
        Check.notNull("scope", scope);
        return tx.read("reading the best configuration of " + scope, c -> findBest(c, scope));
    }

    @Override
    public List<BestConfiguration> bests(String prefix) {
        String p = prefix == null ? "" : prefix;
        String pattern = p.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return tx.read("listing best configurations of " + p + "*", c -> query(c, "SELECT " + BEST_COLUMNS
                + " FROM best_configurations WHERE scope LIKE ? ESCAPE '!' ORDER BY scope",
                JdbcModelRepository::bestRow, pattern));
    }

    /** Bumped by every change to a best configuration, a model version or a known-bad entry. */
    @Override
    public long changeCounter() {
        return tx.read("reading the change counter", c -> query(c, "SELECT changes FROM change_counter WHERE id = 1",
                rs -> rs.getLong(1)).get(0));
    }

    private static void bumpChangeCounter(Connection c) throws SQLException {
        update(c, "UPDATE change_counter SET changes = changes + 1 WHERE id = 1");
    }

    private static Optional<BestConfiguration> findBest(Connection c, String scope) throws SQLException {
        return first(query(c, "SELECT " + BEST_COLUMNS + " FROM best_configurations WHERE scope = ?",
                JdbcModelRepository::bestRow, scope));
    }

    private static BestConfiguration bestRow(ResultSet rs) throws SQLException {
        return new BestConfiguration(rs.getString("scope"), rs.getLong("study_id"), rs.getLong("trial_number"),
                ProtoJson.configurationFromJson(rs.getString("configuration_json")), rs.getDouble("objective"),
                ProtoJson.metricsFromJson(rs.getString("metrics_json")),
                Codec.doublesFromJson(rs.getString("workload_signature_json"), "workload signature"),
                Codec.getTime(rs, "updated_at"));
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /** Closes the connection pool when this repository created it ({@link #h2File}, {@link #connect}). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || ownedPool == null) {
            return;
        }
        try {
            ownedPool.close();
        } catch (Exception e) {
            throw new RepositoryException("closing the model repository's connection pool failed: " + e.getMessage(), e);
        }
    }

    // ---- JDBC plumbing -------------------------------------------------------------------------

    @FunctionalInterface
    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                var out = new ArrayList<T>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int index = i + 1;
            if (p == null) {
                // the only nullable parameters are DOUBLE PRECISION (objective) and TEXT (known-bad)
                ps.setNull(index, Types.NULL);
            } else if (p instanceof String s) {
                ps.setString(index, s);
            } else if (p instanceof Long l) {
                ps.setLong(index, l);
            } else if (p instanceof Integer n) {
                ps.setInt(index, n);
            } else if (p instanceof Double d) {
                ps.setDouble(index, d);
            } else if (p instanceof Boolean b) {
                ps.setBoolean(index, b);
            } else if (p instanceof byte[] bytes) {
                ps.setBytes(index, bytes);
            } else if (p instanceof Instant t) {
                Codec.setTime(ps, index, t);
            } else {
                throw new IllegalStateException("cannot bind a " + p.getClass().getName());
            }
        }
    }

    private static <T> Optional<T> first(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** {@code ('A', 'B')} for enum constants (never user text, so safe to inline). */
    private static String inList(List<? extends Enum<?>> values) {
        return values.stream().map(v -> "'" + v.name() + "'").distinct().collect(Collectors.joining(", ", "(", ")"));
    }

    private static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
