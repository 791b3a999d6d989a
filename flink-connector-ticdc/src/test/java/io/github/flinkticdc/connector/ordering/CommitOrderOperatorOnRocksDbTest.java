package io.github.flinkticdc.connector.ordering;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.StateBackendLoader;

/**
 * Every test of {@link CommitOrderOperatorTest} on the RocksDB state backend, where state lives
 * serialized: the buffered rows by commit millisecond, the per-table release mark, the recount of
 * buffered rows after a restore.
 */
class CommitOrderOperatorOnRocksDbTest extends CommitOrderOperatorTest {

    @Override
    StateBackend stateBackend() throws Exception {
        Configuration config = new Configuration();
        config.setString("state.backend.type", "rocksdb");
        return StateBackendLoader.loadStateBackendFromConfig(
                config, getClass().getClassLoader(), null);
    }
}
