package io.github.flinkticdc.format.protocol;

import java.io.IOException;

/**
 * Where the readers fetch the objects TiCDC's {@code large-message-handle-option = claim-check}
 * stored: a location, as a message names it, to the object's bytes. The protocol layer only asks;
 * which locations may be read, how large an object may be and which file systems exist is the
 * implementation's business (the Flink file system one in {@code format.common}).
 */
@FunctionalInterface
public interface ClaimCheckObjects {

    /**
     * @param location the claim-check location a message names ({@code <storage-uri>/<uuid>.json})
     * @return the whole object
     * @throws io.github.flinkticdc.format.protocol.MalformedMessageException if the message's
     *     location may not be read, or the object is missing or too large: a fault of the message
     * @throws ClaimCheckStorageException if the storage could not be read: not the message's fault
     */
    byte[] read(String location) throws IOException;
}
