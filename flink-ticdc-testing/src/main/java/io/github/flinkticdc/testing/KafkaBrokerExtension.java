package io.github.flinkticdc.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving tests a real {@link KafkaBroker}:
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 * ... KAFKA.broker().bootstrapServers() ...
 * }</pre>
 *
 * <p>All test classes of one JVM share one broker (starting one takes seconds; tests keep apart by
 * topic names). It is kept in JUnit's root store, which closes it when the test run ends, passed or
 * failed; the broker's own shutdown hook covers a JVM that dies before that.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    private KafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker =
                context.getRoot()
                        .getStore(NAMESPACE)
                        .getOrComputeIfAbsent(
                                SharedBroker.class, k -> new SharedBroker(), SharedBroker.class)
                        .broker;
    }

    /** The running broker; available from {@code @BeforeAll} on. */
    public KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException(
                    "No broker yet: register the extension as a static field with"
                            + " @RegisterExtension");
        }
        return broker;
    }

    /** Shorthand for {@code broker().bootstrapServers()}. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** What the root store closes at the end of the run. */
    private static final class SharedBroker implements ExtensionContext.Store.CloseableResource {
        private final KafkaBroker broker = KafkaBroker.start();

        @Override
        public void close() {
            broker.close();
        }
    }
}
