package io.github.flinkticdc.e2e;

import io.github.flinkticdc.testing.ChildJvm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flink's SQL client connected to a cluster's SQL gateway, in the foreground on this JVM's
 * terminal, as {@code bin/sql-client.sh gateway --endpoint <host:port>} starts it.
 *
 * <p>Gateway mode, because the embedded mode of a distribution without flink-python fails at start
 * ({@code ClassNotFoundException: org.apache.flink.python.util.PythonDependencyUtils}). The client
 * logs to a file in the cluster's directory, so that the terminal shows only the session.
 */
final class FlinkSqlClient {

    private static final String MAIN_CLASS = "org.apache.flink.table.client.SqlClient";

    private FlinkSqlClient() {}

    /** Runs the client until the user quits it (or its input ends); returns its exit status. */
    static int run(FlinkDistribution distribution, FlinkCluster cluster) {
        FlinkConf conf = cluster.conf();
        List<String> jvmOptions = new ArrayList<>(FlinkCluster.jvmOptions());
        jvmOptions.add("-Dlog.file=" + cluster.directory().resolve("sql-client.log"));
        jvmOptions.add("-Dlog4j.configurationFile=" + conf.clientLog4jFile());
        jvmOptions.add("-Djava.io.tmpdir=" + cluster.directory().resolve("tmp"));
        return ChildJvm.runInForeground(
                new ChildJvm.Command(distribution.sqlClientClasspath(), MAIN_CLASS)
                        .jvmOptions(jvmOptions)
                        .arguments(
                                List.of(
                                        "gateway",
                                        "--endpoint",
                                        conf.gatewayAddress(),
                                        // Not the default in the user's home: the playground
                                        // leaves nothing behind.
                                        "--history",
                                        cluster.directory().resolve("sql-history").toString())),
                Map.of("FLINK_CONF_DIR", conf.directory().toString()));
    }
}
