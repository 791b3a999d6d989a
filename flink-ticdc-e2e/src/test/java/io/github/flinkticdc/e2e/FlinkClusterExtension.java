package io.github.flinkticdc.e2e;

import io.github.flinkticdc.e2e.FlinkDistribution.LibContents;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 extension giving tests a standalone {@link FlinkCluster} of the Flink line the build
 * assembled, with our drop-in jars in its {@code lib/}:
 *
 * <pre>{@code
 * @RegisterExtension @Order(1)
 * static final FlinkClusterExtension FLINK =
 *         new FlinkClusterExtension(LibContents.KAFKA_CONNECTOR_AND_DROP_INS);
 * ... try (SqlGatewayClient sql = FLINK.openSession()) { sql.execute("...") } ...
 * }</pre>
 *
 * <p>The cluster lives as long as its test class: it is kept in the class's store, which closes it
 * when the class ends, passed or failed, so that the next class's processes do not start next to an
 * idle cluster's on a small machine (each lib contents has one class). The cluster's shutdown hook
 * covers a JVM that dies before. The cluster is launched in {@code beforeAll} but only waited for
 * by {@link #openSession}, so extensions registered after this one (a Kafka broker) start while
 * Flink does. When a test fails, the processes' logs go to standard error.
 */
final class FlinkClusterExtension implements BeforeAllCallback, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FlinkClusterExtension.class);

    private final LibContents contents;
    private FlinkCluster cluster;

    FlinkClusterExtension(LibContents contents) {
        this.contents = contents;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster =
                context.getStore(NAMESPACE)
                        .getOrComputeIfAbsent(
                                contents, k -> new SharedCluster(contents), SharedCluster.class)
                        .cluster;
    }

    /** A new session of the cluster's SQL gateway, once the cluster is up. */
    SqlGatewayClient openSession() {
        if (cluster == null) {
            throw new IllegalStateException(
                    "No cluster yet: register the extension as a static field with"
                            + " @RegisterExtension");
        }
        cluster.awaitReady();
        return SqlGatewayClient.open(cluster.gatewayUrl());
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (cluster != null) {
            System.err.println(
                    "Flink cluster logs after the failure of "
                            + context.getDisplayName()
                            + ":\n"
                            + cluster.logTails());
        }
    }

    /** What the class's store closes when the class ends. */
    private static final class SharedCluster implements ExtensionContext.Store.CloseableResource {
        private final FlinkCluster cluster;

        SharedCluster(LibContents contents) {
            cluster = FlinkCluster.start(FlinkDistribution.fromBuild(), contents);
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}
