package io.github.flinkticdc.format.protocol;

/**
 * The limits of the JSON that the protocol readers accept ({@link JsonScanner} refuses anything
 * beyond them), far beyond what TiCDC writes, so that hostile input cannot make a reader work or
 * allocate without bound. Duplicate field names are not refused by the scanner: the readers refuse
 * the ones that matter to them (see {@link SeenFields}), and TiCDC writes {@code ohk} twice on
 * claim-check keys, where the last one must win.
 */
public final class JsonFields {

    private JsonFields() {}

    /**
     * The deepest nesting of arrays and objects a message may have. TiCDC's messages are at most
     * three levels deep (a message, its {@code data} array, the row), so this is far beyond data.
     */
    public static final int MAX_NESTING_DEPTH = 64;

    /**
     * The most characters a JSON number may have: a DOUBLE written in fixed notation has at most
     * about 330, a TSO or BIGINT UNSIGNED 20.
     */
    public static final int MAX_NUMBER_LENGTH = 1000;

    /** The most characters of a field name: TiDB names have at most 64. */
    public static final int MAX_NAME_LENGTH = 1024;
}
