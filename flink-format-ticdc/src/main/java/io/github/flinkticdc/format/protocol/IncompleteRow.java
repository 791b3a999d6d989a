package io.github.flinkticdc.format.protocol;

/**
 * The rule for a row TiCDC sent without its full image (its large-message handling: {@code
 * handle-key-only} or {@code claim-check}): such a row is never emitted as if it were complete
 * (spec §6). Every protocol reader refuses it with this one explanation.
 */
public final class IncompleteRow {

    private IncompleteRow() {}

    /**
     * Why an incomplete row of a table that is read is refused.
     *
     * @param claimCheckLocation where TiCDC stored the full event, or null for handle-key-only
     * @param markerField the field that marks the message, for the user to find it
     */
    public static String reason(String claimCheckLocation, String markerField) {
        String cause =
                claimCheckLocation == null
                        ? "sent only its handle-key columns ("
                                + markerField
                                + ", large-message-handle-option = handle-key-only); the full row"
                                + " must be read from TiDB"
                        : "stored it at '"
                                + ClaimCheckLocation.printable(claimCheckLocation)
                                + "' and sent only its handle-key columns ("
                                + markerField
                                + ", large-message-handle-option = claim-check); this format does"
                                + " not fetch claim-check objects";
        return "the event was too large for TiCDC, which "
                + cause
                + ". Raise TiCDC's max-message-bytes (and the topic's max.message.bytes) so the"
                + " row fits, or switch the changefeed to large-message-handle-option ="
                + " claim-check with a claim-check-storage-uri and set"
                + " 'claim-check.allowed-locations' to it, so that the full row is read from"
                + " there";
    }
}
