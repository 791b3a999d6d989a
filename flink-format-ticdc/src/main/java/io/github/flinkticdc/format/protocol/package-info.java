/**
 * TiCDC's wire protocols read without Flink (design §1): framing, JSON fields, value text and
 * compression, reported to a listener. Internal to this project and free to change, except {@link
 * io.github.flinkticdc.format.protocol.Compression}, which the decoder builders take. (Flink's
 * stability annotations are not used here because this layer must not depend on Flink.)
 */
package io.github.flinkticdc.format.protocol;
