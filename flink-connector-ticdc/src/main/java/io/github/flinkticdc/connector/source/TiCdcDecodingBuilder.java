package io.github.flinkticdc.connector.source;

import io.github.flinkticdc.connector.TiCdcProtocol;
import io.github.flinkticdc.format.canal.TiCdcCanalDeserializationSchema;
import io.github.flinkticdc.format.common.DdlHandling;
import io.github.flinkticdc.format.common.DecoderBuilder;
import io.github.flinkticdc.format.common.TiCdcMetadata;
import io.github.flinkticdc.format.open.TiCdcOpenProtocolDeserializer;
import io.github.flinkticdc.format.protocol.Compression;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The decoding settings of a TiCDC Kafka source: protocol, columns, metadata and the format options
 * (same names and defaults as the {@code ticdc-canal} format's). Shared by {@link
 * TiCdcRecordDeserializationSchema.Builder} and {@link TiCdcSource.Builder}.
 *
 * <p>Produced rows hold the physical columns, then the TiCDC metadata, then the Kafka metadata,
 * each in the order given.
 *
 * @param <B> the concrete builder, returned by the setters
 */
public abstract class TiCdcDecodingBuilder<B extends TiCdcDecodingBuilder<B>> {

    private final TiCdcProtocol protocol;
    private final RowType physicalRowType;
    private List<TiCdcMetadata> metadata = List.of();
    private List<KafkaMetadata> kafkaMetadata = List.of();
    private TypeInformation<RowData> producedTypeInfo;
    private boolean upsert;
    // Null means "the format's default", so that the defaults live in one place.
    private Boolean ignoreParseErrors;
    private String databaseInclude;
    private String tableInclude;
    private ZoneId timestampZone;
    private DdlHandling ddl;
    private Compression compression;

    TiCdcDecodingBuilder(TiCdcProtocol protocol, RowType physicalRowType) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.physicalRowType = Objects.requireNonNull(physicalRowType, "physicalRowType");
    }

    /** TiCDC metadata columns to append after the physical ones, in this order. */
    public B setReadableMetadata(List<TiCdcMetadata> metadata) {
        this.metadata = List.copyOf(metadata);
        return self();
    }

    /** Kafka metadata columns to append after the TiCDC metadata, in this order. */
    public B setKafkaMetadata(List<KafkaMetadata> kafkaMetadata) {
        this.kafkaMetadata = List.copyOf(kafkaMetadata);
        return self();
    }

    /**
     * The type information of the produced rows. By default it is derived from the physical row
     * type and the metadata columns (named by their keys).
     */
    public B setProducedTypeInfo(TypeInformation<RowData> producedTypeInfo) {
        this.producedTypeInfo = producedTypeInfo;
        return self();
    }

    /**
     * For TiCDC's {@code output-old-value=false} (Open Protocol only): updates carry no row before
     * and look like inserts, so inserts and updates are emitted as +U (upserts by primary key) and
     * deletes as -D. Default: false.
     */
    public B setUpsert(boolean upsert) {
        this.upsert = upsert;
        return self();
    }

    /** Skip (and count) records that cannot be decoded instead of failing. Default: false. */
    public B setIgnoreParseErrors(boolean ignoreParseErrors) {
        this.ignoreParseErrors = ignoreParseErrors;
        return self();
    }

    /** Regular expression that must match the whole database name; null (default) reads all. */
    public B setDatabaseInclude(String regex) {
        this.databaseInclude = regex;
        return self();
    }

    /** Regular expression that must match the whole table name; null (default) reads all. */
    public B setTableInclude(String regex) {
        this.tableInclude = regex;
        return self();
    }

    /** The zone TiCDC wrote TIMESTAMP values in, for TIMESTAMP_LTZ columns. Default: UTC. */
    public B setTimestampZone(ZoneId zone) {
        this.timestampZone = Objects.requireNonNull(zone);
        return self();
    }

    /** What to do with DDL events. Default: skip. */
    public B setDdlHandling(DdlHandling ddl) {
        this.ddl = Objects.requireNonNull(ddl);
        return self();
    }

    /** TiCDC's {@code large-message-handle-compression}. Default: none. */
    public B setCompression(Compression compression) {
        this.compression = Objects.requireNonNull(compression);
        return self();
    }

    /**
     * @throws ValidationException if a column's type cannot hold TiCDC values, a filter is not a
     *     valid regular expression, or upsert is asked of canal-json
     */
    final TiCdcRecordDeserializationSchema buildDeserializer() {
        RecordDecoder decoder;
        if (protocol == TiCdcProtocol.OPEN_PROTOCOL) {
            decoder =
                    new OpenProtocolRecordDecoder(
                            configure(TiCdcOpenProtocolDeserializer.builder(physicalRowType))
                                    .setUpsert(upsert)
                                    .build());
        } else {
            if (upsert) {
                throw new ValidationException(
                        "Upsert mode is for TiCDC's Open Protocol with output-old-value=false;"
                                + " canal-json always carries the row before an update.");
            }
            decoder =
                    new CanalJsonRecordDecoder(
                            configure(TiCdcCanalDeserializationSchema.builder(physicalRowType))
                                    .build());
        }
        return new TiCdcRecordDeserializationSchema(
                decoder,
                kafkaMetadata,
                producedTypeInfo != null
                        ? producedTypeInfo
                        : InternalTypeInfo.of(producedRowType()));
    }

    private <D extends DecoderBuilder<D, ?>> D configure(D format) {
        format.setReadableMetadata(metadata)
                .setDatabaseInclude(databaseInclude)
                .setTableInclude(tableInclude);
        if (ignoreParseErrors != null) {
            format.setIgnoreParseErrors(ignoreParseErrors);
        }
        if (timestampZone != null) {
            format.setTimestampZone(timestampZone);
        }
        if (ddl != null) {
            format.setDdlHandling(ddl);
        }
        if (compression != null) {
            format.setCompression(compression);
        }
        return format;
    }

    private RowType producedRowType() {
        List<RowType.RowField> fields = new ArrayList<>(physicalRowType.getFields());
        for (TiCdcMetadata m : metadata) {
            fields.add(new RowType.RowField(m.key(), m.dataType().getLogicalType()));
        }
        for (KafkaMetadata m : kafkaMetadata) {
            fields.add(new RowType.RowField(m.key(), m.dataType().getLogicalType()));
        }
        return new RowType(fields);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
