package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.ClaimCheck;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The values of the {@code claim-check.*} options, validated: which locations claim-check objects
 * may be read from, how large one may be, and their shape. Immutable.
 */
@Internal
final class ClaimCheckOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Objects are read into one array, and nothing near this is a TiCDC message. */
    private static final MemorySize MAX_MAX_OBJECT_SIZE = MemorySize.ofMebiBytes(1024);

    static final ClaimCheckOptions DEFAULTS =
            new ClaimCheckOptions(
                    List.of(),
                    TiCdcFormatOptions.CLAIM_CHECK_MAX_OBJECT_SIZE.defaultValue(),
                    TiCdcFormatOptions.CLAIM_CHECK_RAW_VALUE.defaultValue());

    private final List<String> allowedLocations;
    private final MemorySize maxObjectSize;
    private final boolean rawValue;

    ClaimCheckOptions(List<String> allowedLocations, MemorySize maxObjectSize, boolean rawValue) {
        this.allowedLocations = List.copyOf(allowedLocations);
        this.maxObjectSize = Objects.requireNonNull(maxObjectSize);
        this.rawValue = rawValue;
    }

    static ClaimCheckOptions from(ReadableConfig config) {
        return new ClaimCheckOptions(
                config.getOptional(TiCdcFormatOptions.CLAIM_CHECK_ALLOWED_LOCATIONS)
                        .orElse(List.of()),
                config.get(TiCdcFormatOptions.CLAIM_CHECK_MAX_OBJECT_SIZE),
                config.get(TiCdcFormatOptions.CLAIM_CHECK_RAW_VALUE));
    }

    /**
     * @throws ValidationException naming the option whose value is wrong
     */
    void validate(DecoderOptions keys) {
        try {
            new AllowedLocations(allowedLocations);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    String.format(
                            "Option '%s' lists a location that is not a plain URI: %s. List the"
                                    + " changefeed's claim-check-storage-uri, e.g."
                                    + " 's3://bucket/claim-check'.",
                            keys.keyOf(TiCdcFormatOptions.CLAIM_CHECK_ALLOWED_LOCATIONS),
                            e.getMessage()));
        }
        if (maxObjectSize.getBytes() <= 0
                || maxObjectSize.getBytes() > MAX_MAX_OBJECT_SIZE.getBytes()) {
            throw new ValidationException(
                    String.format(
                            "Option '%s' must be more than 0 bytes and at most %s, not %s.",
                            keys.keyOf(TiCdcFormatOptions.CLAIM_CHECK_MAX_OBJECT_SIZE),
                            MAX_MAX_OBJECT_SIZE.toHumanReadableString(),
                            maxObjectSize.toHumanReadableString()));
        }
    }

    ClaimCheckOptions withAllowedLocations(List<String> locations) {
        return new ClaimCheckOptions(locations, maxObjectSize, rawValue);
    }

    ClaimCheckOptions withMaxObjectSize(MemorySize size) {
        return new ClaimCheckOptions(allowedLocations, size, rawValue);
    }

    ClaimCheckOptions withRawValue(boolean raw) {
        return new ClaimCheckOptions(allowedLocations, maxObjectSize, raw);
    }

    boolean rawValue() {
        return rawValue;
    }

    /** What a reader fetches claim-check objects with, in its task. */
    ClaimCheck newClaimCheck() {
        return new ClaimCheck(
                new FileSystemClaimCheckObjects(
                        new AllowedLocations(allowedLocations), maxObjectSize.getBytes()),
                rawValue);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ClaimCheckOptions)) {
            return false;
        }
        ClaimCheckOptions that = (ClaimCheckOptions) o;
        return rawValue == that.rawValue
                && allowedLocations.equals(that.allowedLocations)
                && maxObjectSize.equals(that.maxObjectSize);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowedLocations, maxObjectSize, rawValue);
    }

    /** Without the locations, which may hold credentials. */
    @Override
    public String toString() {
        return String.format(
                "claim-check.allowed-locations=%d location(s), claim-check.max-object-size=%s,"
                        + " claim-check.raw-value=%s",
                allowedLocations.size(), maxObjectSize.toHumanReadableString(), rawValue);
    }
}
