package io.github.flinkticdc.connector.ordering;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;

import java.util.Optional;
import java.util.function.Function;

/**
 * The exactly-once changelog of a TiCDC topic as a DataStream: Flink's {@code KafkaSource} of
 * {@link ChangeEnvelope}s with watermarks from TiCDC's resolved ts, keyed by table into the {@link
 * CommitOrderOperator}.
 */
@Internal
public final class CommitOrderedChangelog {

    /** The name of the source's transformation in its uid. */
    public static final String SOURCE_TRANSFORMATION = "ticdc-source";

    /** The name of the commit-order operator's transformation in its uid. */
    public static final String ORDER_TRANSFORMATION = "ticdc-commit-order";

    private CommitOrderedChangelog() {}

    /**
     * @param kafka a KafkaSource builder with every Kafka setting but the deserializer
     * @param envelopes the decoder of the records into {@link ChangeEnvelope}s
     * @param order the commit-order operator for them
     * @param outputType the type information of the rows the operator emits
     * @param name names the operators ({@code TiCdcSource-<name>}, {@code TiCdcCommitOrder-<name>})
     * @param sourceUid the source's uid, if any
     * @param uids the uid of a transformation by its name, if any (the planner's, for SQL)
     */
    public static SingleOutputStreamOperator<RowData> create(
            StreamExecutionEnvironment env,
            KafkaSourceBuilder<RowData> kafka,
            KafkaRecordDeserializationSchema<RowData> envelopes,
            CommitOrderOperator order,
            TypeInformation<RowData> outputType,
            String name,
            Optional<String> sourceUid,
            Function<String, Optional<String>> uids) {
        KafkaSource<RowData> source = kafka.setDeserializer(envelopes).build();
        DataStreamSource<RowData> decoded =
                env.fromSource(source, new ResolvedTsWatermarks(), "TiCdcSource-" + name);
        sourceUid.ifPresent(decoded::uid);
        SingleOutputStreamOperator<RowData> ordered =
                decoded.keyBy(new EnvelopeTable())
                        .transform("TiCdcCommitOrder-" + name, outputType, order);
        uids.apply(ORDER_TRANSFORMATION).ifPresent(ordered::uid);
        return ordered;
    }
}
