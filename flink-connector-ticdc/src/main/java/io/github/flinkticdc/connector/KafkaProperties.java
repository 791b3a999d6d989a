package io.github.flinkticdc.connector;

import java.util.Map;
import java.util.TreeMap;

import static io.github.flinkticdc.connector.TiCdcConnectorOptions.PROPERTIES_PREFIX;

/** The {@code properties.*} options of a {@code ticdc} table: Kafka client properties. */
final class KafkaProperties {

    private KafkaProperties() {}

    /**
     * @param rawOptions the table's options as written
     * @return the Kafka client properties, keys without {@code properties.}, sorted
     */
    static Map<String, String> of(Map<String, String> rawOptions) {
        Map<String, String> properties = new TreeMap<>();
        rawOptions.forEach(
                (key, value) -> {
                    if (key.startsWith(PROPERTIES_PREFIX)) {
                        properties.put(key.substring(PROPERTIES_PREFIX.length()), value);
                    }
                });
        return properties;
    }
}
