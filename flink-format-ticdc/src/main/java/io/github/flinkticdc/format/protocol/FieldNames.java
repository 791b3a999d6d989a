package io.github.flinkticdc.format.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The field names a reader knows in one JSON object, numbered in the order given (the numbers
 * {@link SeenFields} counts), found for the name a {@link JsonScanner} stands on by its bytes, so
 * that matching a name costs no {@code String}.
 */
public final class FieldNames {

    /** What {@link #next} returns at the end of the object. */
    public static final int END = -2;

    private final String[] names;
    private final byte[][] bytes;
    private final ExpectedBytes[] quoted;

    /**
     * @param names ASCII names, at most 64 (the fields {@link SeenFields} can count)
     */
    public FieldNames(String... names) {
        this.names = names.clone();
        this.bytes = new byte[names.length][];
        this.quoted = new ExpectedBytes[names.length];
        for (int i = 0; i < names.length; i++) {
            bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
            quoted[i] = ExpectedBytes.fieldName(bytes[i], 0, bytes[i].length);
        }
    }

    /**
     * Moves the scanner, inside an object, onto the next field name and returns its number as
     * {@link #numberOf} does, or {@link #END} when the object ends instead.
     *
     * @param expected the number of the field most likely next (TiCDC writes its fields in one
     *     order), matched with a single comparison; any other number, such as -1, for none
     */
    public int next(JsonScanner s, int expected) throws MalformedMessageException {
        if (expected >= 0
                && expected < quoted.length
                && quoted[expected] != null
                && s.nextNameIs(quoted[expected])) {
            return expected;
        }
        return s.next() == JsonScanner.Token.FIELD_NAME ? numberOf(s) : END;
    }

    /**
     * The number of the field name the scanner stands on, or -1 for a name not among these: by its
     * bytes, or by its decoded text when it is written with escapes (which TiCDC never does).
     */
    public int numberOf(JsonScanner s) {
        if (s.isEscaped()) {
            return Arrays.asList(names).indexOf(s.text());
        }
        int length = s.textEnd() - s.textStart();
        // Length and first byte tell nearly all names apart before their bytes are compared.
        byte first = length == 0 ? 0 : s.bytes()[s.textStart()];
        for (int i = 0; i < bytes.length; i++) {
            byte[] name = bytes[i];
            if (name.length == length && (length == 0 || name[0] == first) && s.textIs(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The name numbered {@code number}. */
    public String name(int number) {
        return names[number];
    }
}
