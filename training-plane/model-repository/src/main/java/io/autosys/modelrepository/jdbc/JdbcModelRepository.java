package io.autosys.modelrepository.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The repository over JDBC. One schema (Flyway migrations in {@code db/migration}) for PostgreSQL
 * and for H2 in PostgreSQL mode. Every method is one transaction; idempotence comes from
 * conditional updates (a trial's result is written only while it is open) and primary keys
 * (an intermediate step once). Construction migrates the schema.
 */
public final class JdbcModelRepository implements ModelRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Double>> DOUBLES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final AutoCloseable onClose;
    private final Clock clock;

    /** Uses (and migrates) {@code dataSource}; closing the repository closes {@code onClose} (may be null). */
    public JdbcModelRepository(DataSource dataSource, AutoCloseable onClose, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.onClose = onClose;
        this.clock = clock;
        migrate(dataSource, null);
    }

    /** Migrates the schema of {@code dataSource} (in {@code schema} when not null) to the newest version. */
    public static void migrate(DataSource dataSource, String schema) {
        var config = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema);
        }
        config.load().migrate();
    }

    /**
     * An embedded H2 file in {@code dataDir} (the default store). Commits are written at once
     * ({@code WRITE_DELAY=0}), so a process killed with SIGKILL loses no committed trial.
     */
    public static JdbcModelRepository h2File(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new RepositoryException("cannot create the data directory " + dataDir, e);
        }
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("autosys")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
                + ";LOCK_TIMEOUT=10000";
        return connect(url, "sa", "");
    }

    /** A repository at a JDBC URL (PostgreSQL or H2), with a small connection pool. */
    public static JdbcModelRepository connect(String url, String user, String password) {
        if (url.startsWith("jdbc:h2:")) {
            String u = url.contains("MODE=") ? url : url + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH";
            var pool = org.h2.jdbcx.JdbcConnectionPool.create(u, user, password);
            pool.setMaxConnections(16);
            return new JdbcModelRepository(pool, pool::dispose, Clock.systemUTC());
        }
        var pool = new SimplePool(url, user, password, 16);
        return new JdbcModelRepository(pool, pool, Clock.systemUTC());
    }

    // ---- plumbing --------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction; rolls back on any failure. */
    private <T> T tx(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new RepositoryException("repository: cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private Instant now() {
        return clock.instant();
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void setTime(PreparedStatement ps, int i, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, ts(at));
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T fromJson(String s, TypeReference<T> type) {
        try {
            return JSON.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new RepositoryException("corrupt JSON in the repository: " + e.getMessage(), e);
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is empty");
        }
    }

    private static void requireSignature(Map<String, Double> sig) {
        if (sig == null) {
            return;
        }
        sig.forEach((k, v) -> {
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("workload signature feature '" + k + "' must be finite, got " + v);
            }
        });
    }

    private static void bumpCounter(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE change_counter SET counter_value = counter_value + 1 WHERE id = 1")) {
            ps.executeUpdate();
        }
    }

    // ---- targets -----------------------------------------------------------------------------------

    @Override
    public TargetRecord registerTarget(String address, boolean tls, SystemDescription description) {
        requireText("target address", address);
        Objects.requireNonNull(description, "target description");
        String descJson = ProtoJson.toJson(description);
        return tx("register target " + description.systemId(), c -> {
            Instant now = now();
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE targets SET address = ?, tls = ?, service_kind = ?,"
                    + " description_json = ?, updated_at = ? WHERE system_id = ?")) {
                ps.setString(1, address);
                ps.setBoolean(2, tls);
                ps.setString(3, description.serviceKind());
                ps.setString(4, descJson);
                ps.setObject(5, ts(now));
                ps.setString(6, description.systemId());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO targets (system_id, address, tls,"
                        + " service_kind, description_json, registered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, description.systemId());
                    ps.setString(2, address);
                    ps.setBoolean(3, tls);
                    ps.setString(4, description.serviceKind());
                    ps.setString(5, descJson);
                    ps.setObject(6, ts(now));
                    ps.setObject(7, ts(now));
                    ps.executeUpdate();
                }
            }
            return readTarget(c, description.systemId()).orElseThrow();
        });
    }

    private static Optional<TargetRecord> readTarget(Connection c, String systemId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM targets WHERE system_id = ?")) {
            ps.setString(1, systemId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(target(rs)) : Optional.empty();
            }
        }
    }

    private static TargetRecord target(ResultSet rs) throws SQLException {
        return new TargetRecord(rs.getString("system_id"), rs.getString("address"), rs.getBoolean("tls"),
                ProtoJson.descriptionFromJson(rs.getString("description_json")), instant(rs, "registered_at"));
    }

    @Override
    public Optional<TargetRecord> target(String systemId) {
        return tx("read target", c -> readTarget(c, systemId));
    }

    @Override
    public List<TargetRecord> targets() {
        return tx("list targets", c -> {
            var out = new ArrayList<TargetRecord>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT * FROM targets ORDER BY system_id")) {
                while (rs.next()) {
                    out.add(target(rs));
                }
            }
            return out;
        });
    }

    // ---- studies -----------------------------------------------------------------------------------

    @Override
    public StudyRecord createStudy(String name, String systemId, String serviceKind, String specJson,
            Map<String, Double> workloadSignature) {
        requireText("study name", name);
        requireText("study target", systemId);
        requireText("service kind", serviceKind);
        requireText("study specification", specJson);
        requireSignature(workloadSignature);
        return tx("create study " + name, c -> {
            if (readStudyByName(c, name).isPresent()) {
                throw new IllegalArgumentException("a study named '" + name + "' exists already");
            }
            Instant now = now();
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO studies (name, system_id, service_kind,"
                    + " spec_json, state, state_reason, signature_json, next_trial, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, '', ?, 1, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setString(2, systemId);
                ps.setString(3, serviceKind);
                ps.setString(4, specJson);
                ps.setString(5, StudyState.PENDING.name());
                ps.setString(6, json(workloadSignature == null ? Map.of() : new TreeMap<>(workloadSignature)));
                ps.setObject(7, ts(now));
                ps.setObject(8, ts(now));
                try {
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw new IllegalArgumentException("a study named '" + name + "' exists already");
                    }
                    throw e;
                }
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            return readStudy(c, id).orElseThrow();
        });
    }

    private static Optional<StudyRecord> readStudy(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM studies WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(study(rs)) : Optional.empty();
            }
        }
    }

    private static Optional<StudyRecord> readStudyByName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM studies WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(study(rs)) : Optional.empty();
            }
        }
    }

    private static StudyRecord study(ResultSet rs) throws SQLException {
        return new StudyRecord(rs.getLong("id"), rs.getString("name"), rs.getString("system_id"),
                rs.getString("service_kind"), rs.getString("spec_json"), StudyState.valueOf(rs.getString("state")),
                rs.getString("state_reason"), fromJson(rs.getString("signature_json"), DOUBLES),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    @Override
    public Optional<StudyRecord> study(long id) {
        return tx("read study", c -> readStudy(c, id));
    }

    @Override
    public Optional<StudyRecord> studyByName(String name) {
        return tx("read study", c -> readStudyByName(c, name));
    }

    @Override
    public List<StudyRecord> studies(List<StudyState> states) {
        return tx("list studies", c -> {
            var out = new ArrayList<StudyRecord>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT * FROM studies ORDER BY id DESC")) {
                while (rs.next()) {
                    StudyRecord r = study(rs);
                    if (states == null || states.isEmpty() || states.contains(r.state())) {
                        out.add(r);
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean transitionStudy(long id, List<StudyState> from, StudyState to, String reason) {
        Objects.requireNonNull(to, "target state");
        if (from.isEmpty()) {
            throw new IllegalArgumentException("a study transition needs at least one state to move from");
        }
        return tx("move study " + id + " to " + to, c -> {
            requireStudy(c, id);
            String in = String.join(",", from.stream().map(s -> "'" + s.name() + "'").toList());
            try (PreparedStatement ps = c.prepareStatement("UPDATE studies SET state = ?, state_reason = ?,"
                    + " updated_at = ? WHERE id = ? AND state IN (" + in + ")")) {
                ps.setString(1, to.name());
                ps.setString(2, reason == null ? "" : reason);
                ps.setObject(3, ts(now()));
                ps.setLong(4, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static void requireStudy(Connection c, long id) throws SQLException {
        if (readStudy(c, id).isEmpty()) {
            throw new IllegalArgumentException("no study with id " + id);
        }
    }

    // ---- trials ------------------------------------------------------------------------------------

    @Override
    public TrialRecord createTrial(long studyId, Configuration configuration, double fidelity,
            Map<String, String> metadata) {
        Objects.requireNonNull(configuration, "configuration");
        if (!(fidelity > 0 && fidelity <= 1)) {
            throw new IllegalArgumentException("trial fidelity must be in (0, 1], got " + fidelity);
        }
        String configJson = ProtoJson.toJson(configuration);
        String metaJson = json(metadata == null ? Map.of() : new TreeMap<>(metadata));
        return tx("create a trial of study " + studyId, c -> {
            long number;
            // The row lock taken by this UPDATE serialises concurrent creators of the same study.
            try (PreparedStatement ps = c.prepareStatement("UPDATE studies SET next_trial = next_trial + 1"
                    + " WHERE id = ?")) {
                ps.setLong(1, studyId);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalArgumentException("no study with id " + studyId);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT next_trial - 1 FROM studies WHERE id = ?")) {
                ps.setLong(1, studyId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    number = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trials (study_id, number, configuration_json,"
                    + " fidelity, state, objective, metrics_json, reason, attempts, metadata_json, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, NULL, '{}', '', 0, ?, ?)")) {
                ps.setLong(1, studyId);
                ps.setLong(2, number);
                ps.setString(3, configJson);
                ps.setDouble(4, fidelity);
                ps.setString(5, TrialState.PENDING.name());
                ps.setString(6, metaJson);
                ps.setObject(7, ts(now()));
                ps.executeUpdate();
            }
            return readTrial(c, studyId, number).orElseThrow();
        });
    }

    @Override
    public boolean markTrialRunning(long studyId, long number, Instant at) {
        return tx("start trial " + studyId + "/" + number, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET state = 'RUNNING', attempts = attempts"
                    + " + 1, started_at = ? WHERE study_id = ? AND number = ? AND state IN ('PENDING', 'RUNNING')")) {
                setTime(ps, 1, at == null ? now() : at);
                ps.setLong(2, studyId);
                ps.setLong(3, number);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            requireTrial(c, studyId, number);
            return false;
        });
    }

    @Override
    public boolean completeTrial(long studyId, long number, TrialResult result, Instant at) {
        Objects.requireNonNull(result, "trial result");
        String metricsJson = ProtoJson.toJson(result.metrics());
        return tx("record trial " + studyId + "/" + number, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET state = ?, objective = ?,"
                    + " metrics_json = ?, reason = ?, finished_at = ? WHERE study_id = ? AND number = ?"
                    + " AND state IN ('PENDING', 'RUNNING')")) {
                ps.setString(1, result.state().name());
                if (result.state() == TrialState.SUCCEEDED) {
                    ps.setDouble(2, result.objective());
                } else {
                    ps.setNull(2, Types.DOUBLE);
                }
                ps.setString(3, metricsJson);
                ps.setString(4, result.reason());
                setTime(ps, 5, at == null ? now() : at);
                ps.setLong(6, studyId);
                ps.setLong(7, number);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            requireTrial(c, studyId, number);
            return false;
        });
    }

    private static void requireTrial(Connection c, long studyId, long number) throws SQLException {
        if (readTrial(c, studyId, number).isEmpty()) {
            throw new IllegalArgumentException("no trial " + number + " in study " + studyId);
        }
    }

    private static Optional<TrialRecord> readTrial(Connection c, long studyId, long number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM trials WHERE study_id = ? AND number = ?")) {
            ps.setLong(1, studyId);
            ps.setLong(2, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(trial(rs)) : Optional.empty();
            }
        }
    }

    private static TrialRecord trial(ResultSet rs) throws SQLException {
        double objective = rs.getDouble("objective");
        if (rs.wasNull()) {
            objective = Double.NaN;
        }
        return new TrialRecord(rs.getLong("study_id"), rs.getLong("number"),
                ProtoJson.configurationFromJson(rs.getString("configuration_json")), rs.getDouble("fidelity"),
                TrialState.valueOf(rs.getString("state")), objective, ProtoJson.metricsFromJson(rs.getString(
                        "metrics_json")), rs.getString("reason"), rs.getInt("attempts"), instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), fromJson(rs.getString("metadata_json"),
                        STRINGS));
    }

    @Override
    public Optional<TrialRecord> trial(long studyId, long number) {
        return tx("read trial", c -> readTrial(c, studyId, number));
    }

    @Override
    public List<TrialRecord> trials(long studyId) {
        return tx("list trials", c -> {
            var out = new ArrayList<TrialRecord>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM trials WHERE study_id = ? ORDER BY number")) {
                ps.setLong(1, studyId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(trial(rs));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Map<TrialState, Long> trialCounts(long studyId) {
        return tx("count trials", c -> {
            var out = new EnumMap<TrialState, Long>(TrialState.class);
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM trials WHERE study_id = ?"
                    + " GROUP BY state")) {
                ps.setLong(1, studyId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(TrialState.valueOf(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void addIntermediate(long studyId, long number, long step, Metrics metrics) {
        Objects.requireNonNull(metrics, "metrics");
        String metricsJson = ProtoJson.toJson(metrics);
        tx("record step " + step + " of trial " + studyId + "/" + number, c -> {
            requireTrial(c, studyId, number);
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM intermediate_metrics WHERE study_id = ?"
                    + " AND number = ? AND step = ?")) {
                exists.setLong(1, studyId);
                exists.setLong(2, number);
                exists.setLong(3, step);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return null;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO intermediate_metrics (study_id, number, step,"
                    + " metrics_json) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, studyId);
                ps.setLong(2, number);
                ps.setLong(3, step);
                ps.setString(4, metricsJson);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // A concurrent writer recorded the same step first: the first one stands.
            }
            return null;
        });
    }

    @Override
    public List<IntermediateMetrics> intermediates(long studyId) {
        return tx("list intermediate metrics", c -> {
            var out = new ArrayList<IntermediateMetrics>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM intermediate_metrics WHERE study_id = ?"
                    + " ORDER BY number, step")) {
                ps.setLong(1, studyId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new IntermediateMetrics(studyId, rs.getLong("number"), rs.getLong("step"),
                                ProtoJson.metricsFromJson(rs.getString("metrics_json"))));
                    }
                }
            }
            return out;
        });
    }

    // ---- designer snapshots --------------------------------------------------------------------------

    @Override
    public DesignerSnapshot saveSnapshot(long studyId, String designer, byte[] state, long trialsSeen) {
        requireText("designer", designer);
        Objects.requireNonNull(state, "snapshot state");
        return tx("save the designer snapshot of study " + studyId, c -> {
            lockStudy(c, studyId);
            long version = nextVersion(c, "SELECT COALESCE(MAX(version), 0) + 1 FROM designer_snapshots WHERE"
                    + " study_id = ?", studyId);
            Instant now = now();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO designer_snapshots (study_id, version,"
                    + " designer, state, trials_seen, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, studyId);
                ps.setLong(2, version);
                ps.setString(3, designer);
                ps.setBytes(4, state);
                ps.setLong(5, trialsSeen);
                ps.setObject(6, ts(now));
                ps.executeUpdate();
            }
            // Only the newest few versions are kept: older ones are never read.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM designer_snapshots WHERE study_id = ? AND"
                    + " version < ?")) {
                ps.setLong(1, studyId);
                ps.setLong(2, version - 4);
                ps.executeUpdate();
            }
            return new DesignerSnapshot(studyId, version, designer, state.clone(), trialsSeen, now);
        });
    }

    private static void lockStudy(Connection c, long studyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM studies WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no study with id " + studyId);
                }
            }
        }
    }

    private static long nextVersion(Connection c, String sql, long studyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public Optional<DesignerSnapshot> latestSnapshot(long studyId) {
        return tx("read the designer snapshot", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM designer_snapshots WHERE study_id = ?"
                    + " ORDER BY version DESC LIMIT 1")) {
                ps.setLong(1, studyId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new DesignerSnapshot(studyId, rs.getLong("version"), rs.getString("designer"),
                            rs.getBytes("state"), rs.getLong("trials_seen"), instant(rs, "created_at")));
                }
            }
        });
    }

    // ---- models --------------------------------------------------------------------------------------

    @Override
    public ModelVersion saveModel(String serviceKind, Map<String, Double> workloadSignature, long studyId,
            String modelType, byte[] payload, Map<String, Double> quality) {
        requireText("service kind", serviceKind);
        requireText("model type", modelType);
        Objects.requireNonNull(payload, "model payload");
        requireSignature(workloadSignature);
        requireSignature(quality);
        return tx("save a model of study " + studyId, c -> {
            lockStudy(c, studyId);
            long version;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions"
                    + " WHERE study_id = ? AND model_type = ?")) {
                ps.setLong(1, studyId);
                ps.setString(2, modelType);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    version = rs.getLong(1);
                }
            }
            long id;
            Instant now = now();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_versions (service_kind, signature_json,"
                    + " study_id, version, model_type, payload, quality_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
                    + " ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, serviceKind);
                ps.setString(2, json(workloadSignature == null ? Map.of() : new TreeMap<>(workloadSignature)));
                ps.setLong(3, studyId);
                ps.setLong(4, version);
                ps.setString(5, modelType);
                ps.setBytes(6, payload);
                ps.setString(7, json(quality == null ? Map.of() : new TreeMap<>(quality)));
                ps.setObject(8, ts(now));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            bumpCounter(c);
            return new ModelVersion(id, serviceKind, workloadSignature, studyId, version, modelType, payload.clone(),
                    quality, now);
        });
    }

    private static ModelVersion model(ResultSet rs) throws SQLException {
        return new ModelVersion(rs.getLong("id"), rs.getString("service_kind"), fromJson(rs.getString(
                "signature_json"), DOUBLES), rs.getLong("study_id"), rs.getLong("version"), rs.getString("model_type"),
                rs.getBytes("payload"), fromJson(rs.getString("quality_json"), DOUBLES), instant(rs, "created_at"));
    }

    @Override
    public Optional<ModelVersion> latestModel(long studyId, String modelType) {
        return tx("read a model", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM model_versions WHERE study_id = ? AND"
                    + " model_type = ? ORDER BY version DESC LIMIT 1")) {
                ps.setLong(1, studyId);
                ps.setString(2, modelType);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(model(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<ModelVersion> models(String serviceKind) {
        return tx("list models", c -> {
            var out = new ArrayList<ModelVersion>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM model_versions WHERE service_kind = ?"
                    + " ORDER BY id DESC")) {
                ps.setString(1, serviceKind);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(model(rs));
                    }
                }
            }
            return out;
        });
    }

    // ---- known-bad -----------------------------------------------------------------------------------

    @Override
    public KnownBadRecord addKnownBad(String serviceKind, Configuration exact, String region, String reason,
            String source) {
        requireText("service kind", serviceKind);
        requireText("known-bad reason", reason);
        requireText("known-bad source", source);
        if ((exact == null) == (region == null || region.isBlank())) {
            throw new IllegalArgumentException("a known-bad entry is either an exact configuration or a region, not"
                    + " both or neither");
        }
        String exactJson = exact == null ? null : ProtoJson.toJson(exact);
        return tx("add a known-bad configuration", c -> {
            Instant now = now();
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO known_bad (service_kind, exact_json, region,"
                    + " reason, source, created_at) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, serviceKind);
                ps.setString(2, exactJson);
                ps.setString(3, exact == null ? region : null);
                ps.setString(4, reason);
                ps.setString(5, source);
                ps.setObject(6, ts(now));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            return new KnownBadRecord(id, serviceKind, exact, exact == null ? region : null, reason, source, now);
        });
    }

    @Override
    public List<KnownBadRecord> knownBad(String serviceKind) {
        return tx("list known-bad configurations", c -> {
            var out = new ArrayList<KnownBadRecord>();
            try (PreparedStatement ps = c.prepareStatement(serviceKind == null ? "SELECT * FROM known_bad ORDER BY id"
                    : "SELECT * FROM known_bad WHERE service_kind = ? ORDER BY id")) {
                if (serviceKind != null) {
                    ps.setString(1, serviceKind);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String exact = rs.getString("exact_json");
                        out.add(new KnownBadRecord(rs.getLong("id"), rs.getString("service_kind"), exact == null ? null
                                : ProtoJson.configurationFromJson(exact), rs.getString("region"),
                                rs.getString("reason"), rs.getString("source"), instant(rs, "created_at")));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean removeKnownBad(long id) {
        return tx("remove a known-bad configuration", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM known_bad WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    // ---- best configurations -------------------------------------------------------------------------

    @Override
    public BestConfiguration offerBest(String scope, long studyId, long trialNumber, Configuration configuration,
            double objective, Metrics metrics, Map<String, Double> workloadSignature, boolean maximize) {
        requireText("scope", scope);
        Objects.requireNonNull(configuration, "configuration");
        if (!Double.isFinite(objective)) {
            throw new IllegalArgumentException("a best configuration needs a finite objective, got " + objective);
        }
        requireSignature(workloadSignature);
        String configJson = ProtoJson.toJson(configuration);
        String metricsJson = ProtoJson.toJson(metrics == null ? Metrics.empty() : metrics);
        String sigJson = json(workloadSignature == null ? Map.of() : new TreeMap<>(workloadSignature));
        for (int attempt = 1;; attempt++) {
            try {
                return tx("offer the best of " + scope, c -> {
                    Optional<BestConfiguration> current = readBest(c, scope, true);
                    Instant now = now();
                    if (current.isEmpty()) {
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO best_configurations (scope,"
                                + " study_id, trial_number, configuration_json, objective, metrics_json,"
                                + " signature_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                            bindBest(ps, scope, studyId, trialNumber, configJson, objective, metricsJson, sigJson, now);
                            ps.executeUpdate();
                        }
                        bumpCounter(c);
                    } else {
                        double old = current.get().objective();
                        boolean better = maximize ? objective > old : objective < old;
                        if (better) {
                            try (PreparedStatement ps = c.prepareStatement("UPDATE best_configurations SET scope = ?,"
                                    + " study_id = ?, trial_number = ?, configuration_json = ?, objective = ?,"
                                    + " metrics_json = ?, signature_json = ?, updated_at = ? WHERE scope = ?")) {
                                bindBest(ps, scope, studyId, trialNumber, configJson, objective, metricsJson, sigJson,
                                        now);
                                ps.setString(9, scope);
                                ps.executeUpdate();
                            }
                            bumpCounter(c);
                        }
                    }
                    return readBest(c, scope, false).orElseThrow();
                });
            } catch (RepositoryException e) {
                // Two first offers for a new scope race on the insert: the loser retries as an update.
                if (attempt < 3 && e.getCause() instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                    continue;
                }
                throw e;
            }
        }
    }

    private static void bindBest(PreparedStatement ps, String scope, long studyId, long trialNumber, String configJson,
            double objective, String metricsJson, String sigJson, Instant now) throws SQLException {
        ps.setString(1, scope);
        ps.setLong(2, studyId);
        ps.setLong(3, trialNumber);
        ps.setString(4, configJson);
        ps.setDouble(5, objective);
        ps.setString(6, metricsJson);
        ps.setString(7, sigJson);
        ps.setObject(8, ts(now));
    }

    private static Optional<BestConfiguration> readBest(Connection c, String scope, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM best_configurations WHERE scope = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(best(rs)) : Optional.empty();
            }
        }
    }

    private static BestConfiguration best(ResultSet rs) throws SQLException {
        return new BestConfiguration(rs.getString("scope"), rs.getLong("study_id"), rs.getLong("trial_number"),
                ProtoJson.configurationFromJson(rs.getString("configuration_json")), rs.getDouble("objective"),
                ProtoJson.metricsFromJson(rs.getString("metrics_json")), fromJson(rs.getString("signature_json"),
                        DOUBLES), instant(rs, "updated_at"));
    }

    @Override
    public Optional<BestConfiguration> best(String scope) {
        return tx("read the best of " + scope, c -> readBest(c, scope, false));
    }

    @Override
    public List<BestConfiguration> bests(String prefix) {
        return tx("list best configurations", c -> {
            var out = new ArrayList<BestConfiguration>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM best_configurations WHERE scope LIKE ?"
                    + " ORDER BY scope")) {
                ps.setString(1, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(best(rs));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public long changeCounter() {
        return tx("read the change counter", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT counter_value FROM change_counter WHERE id = 1")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public void close() {
        if (onClose != null) {
            try {
                onClose.close();
            } catch (Exception e) {
                throw new RepositoryException("cannot close the repository", e);
            }
        }
    }
}
