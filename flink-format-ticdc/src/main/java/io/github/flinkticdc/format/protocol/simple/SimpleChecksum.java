package io.github.flinkticdc.format.protocol.simple;

import io.github.flinkticdc.format.protocol.FieldNames;
import io.github.flinkticdc.format.protocol.JsonScanner;
import io.github.flinkticdc.format.protocol.JsonScanner.Token;
import io.github.flinkticdc.format.protocol.MalformedMessageException;
import io.github.flinkticdc.format.protocol.ScannedFields;
import io.github.flinkticdc.format.protocol.SeenFields;

/**
 * The {@code checksum} object TiCDC's integrity check adds to a simple-protocol row message: the
 * checksum of the new row ({@code current}, of {@code data}) and of the row before ({@code
 * previous}, of {@code old}), each 0 when there is none, and whether TiCDC itself found the row
 * corrupted. {@code version} is TiDB's internal checksum version, which does not change how a
 * consumer computes the checksums. One instance is reused for every message.
 */
final class SimpleChecksum {

    private static final FieldNames FIELDS =
            new FieldNames("version", "corrupted", "current", "previous");
    private static final int CORRUPTED = 1;
    private static final int CURRENT = 2;
    private static final int PREVIOUS = 3;

    private final SeenFields seen = new SeenFields();

    boolean present;
    boolean corrupted;
    long current;
    long previous;

    void reset() {
        present = false;
        corrupted = false;
        current = 0;
        previous = 0;
    }

    /**
     * Reads the value the scanner stands on: the object, or null for none.
     *
     * @throws MalformedMessageException if it is neither, or a checksum is no unsigned 32-bit
     *     integer
     */
    void read(JsonScanner p) throws MalformedMessageException {
        reset();
        if (p.current() == Token.NULL) {
            return;
        }
        if (p.current() != Token.START_OBJECT) {
            throw ScannedFields.fieldType("checksum", "an object or null", p.current());
        }
        present = true;
        seen.reset();
        for (int f = FIELDS.next(p, 0); f != FieldNames.END; f = FIELDS.next(p, f + 1)) {
            p.next();
            if (f < 0) {
                p.skipChildren();
                continue;
            }
            String field = "checksum." + FIELDS.name(f);
            seen.markOnce(f, field);
            switch (f) {
                case CORRUPTED:
                    corrupted = ScannedFields.booleanOrFalse(p, field);
                    break;
                case CURRENT:
                    current = uint32(p, field);
                    break;
                case PREVIOUS:
                    previous = uint32(p, field);
                    break;
                default:
                    ScannedFields.longValue(p, field);
            }
        }
    }

    private static long uint32(JsonScanner p, String field) throws MalformedMessageException {
        long value = ScannedFields.longValue(p, field);
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new MalformedMessageException(
                    "field '" + field + "' is " + value + ", not a CRC-32 (0 to 4294967295)");
        }
        return value;
    }
}
