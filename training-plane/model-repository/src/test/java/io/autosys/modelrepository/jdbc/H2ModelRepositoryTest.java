package io.autosys.modelrepository.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on an embedded H2 file, fresh in a temporary directory for every test. */
class H2ModelRepositoryTest extends ModelRepositoryContract {
    @TempDir
    Path dir;

    @Override
    protected String freshStore() {
        // the settings JdbcModelRepository.connect would add, spelled out so dump() opens the same database
        return Databases.withH2Settings("jdbc:h2:file:" + dir.resolve("autosys"));
    }

    @Override
    protected void dropStore() {
        // @TempDir removes the files
    }
}
