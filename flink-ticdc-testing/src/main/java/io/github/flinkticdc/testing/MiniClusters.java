package io.github.flinkticdc.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The Flink MiniCluster the SQL ITCases of every module run on: one TaskManager with two slots. */
public final class MiniClusters {

    private MiniClusters() {}

    /** Register with {@code @RegisterExtension static final}. */
    public static MiniClusterExtension extension() {
        return extension(new Configuration());
    }

    /** The same cluster with {@code configuration}, e.g. a metric reporter's. */
    public static MiniClusterExtension extension(Configuration configuration) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setConfiguration(configuration)
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }
}
