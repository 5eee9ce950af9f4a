package io.autosys.modelrepository.jdbc;

import io.autosys.modelrepository.api.ModelRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract on an embedded H2 file (the default store). */
class H2RepositoryTest extends RepositoryContractTest {
    @TempDir
    Path dir;

    @Override
    protected ModelRepository open() {
        return JdbcModelRepository.h2File(dir);
    }
}
