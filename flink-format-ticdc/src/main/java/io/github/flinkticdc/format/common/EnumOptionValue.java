package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.Compression;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Checks the value of an enum option before Flink parses it: Flink's parser fails with an {@code
 * IllegalArgumentException} about an enum class, which a SQL client shows without the option's
 * name. Values match as Flink matches them, by their names ignoring case.
 */
@Internal
public final class EnumOptionValue {

    private EnumOptionValue() {}

    /**
     * Checks the enum options of the TiCDC formats ({@link TiCdcFormatOptions}).
     *
     * @param keyPrefix as for {@link #requireKnown}
     */
    public static void requireKnownFormatValues(ReadableConfig config, String keyPrefix) {
        requireKnown(config, keyPrefix, TiCdcFormatOptions.DDL, DdlHandling.class);
        requireKnown(config, keyPrefix, TiCdcFormatOptions.COMPRESSION, Compression.class);
    }

    /**
     * @param keyPrefix how the user wrote the key ({@code "ticdc-canal."} under a format, empty
     *     under the connector)
     * @throws ValidationException naming the option, the value and the allowed values
     */
    public static <E extends Enum<E>> void requireKnown(
            ReadableConfig config, String keyPrefix, ConfigOption<E> option, Class<E> type) {
        String value =
                config.getOptional(ConfigOptions.key(option.key()).stringType().noDefaultValue())
                        .orElse(null);
        if (value == null || isOneOf(value, type)) {
            return;
        }
        throw new ValidationException(
                String.format(
                        "Option '%s%s' is '%s'; it must be one of %s.",
                        keyPrefix, option.key(), value, quotedValues(type)));
    }

    /** The values of an enum option as a user writes them: {@code 'a', 'b'}. */
    public static String quotedValues(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(e -> "'" + e + "'")
                .collect(Collectors.joining(", "));
    }

    private static boolean isOneOf(String value, Class<? extends Enum<?>> type) {
        String upper = value.toUpperCase(Locale.ROOT);
        for (Enum<?> constant : type.getEnumConstants()) {
            if (constant.toString().toUpperCase(Locale.ROOT).equals(upper)) {
                return true;
            }
        }
        return false;
    }
}
