package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.ClaimCheckLocation;
import io.github.flinkticdc.format.protocol.ClaimCheckObjects;
import io.github.flinkticdc.format.protocol.ClaimCheckStorageException;
import io.github.flinkticdc.format.protocol.MalformedMessageException;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;

/**
 * Reads claim-check objects through Flink's {@link FileSystem}, so that every scheme with a Flink
 * file system (plugin) works: {@code file}, {@code s3}, {@code gs}, {@code oss}, {@code abfs},
 * {@code hdfs}. Only locations that {@link AllowedLocations} allows are read, and only objects no
 * larger than the limit: the length is checked before anything is read, and no more than it is ever
 * allocated.
 */
@Internal
final class FileSystemClaimCheckObjects implements ClaimCheckObjects {

    private final AllowedLocations allowed;
    private final long maxBytes;

    FileSystemClaimCheckObjects(AllowedLocations allowed, long maxBytes) {
        this.allowed = allowed;
        this.maxBytes = maxBytes;
    }

    @Override
    public byte[] read(String location) throws IOException {
        URI uri = allowed.require(location);
        String printable = ClaimCheckLocation.printable(location);
        Path path = new Path(uri);
        try {
            FileSystem fs = path.getFileSystem();
            FileStatus status = fs.getFileStatus(path);
            if (status.isDir()) {
                throw new MalformedMessageException(
                        "the claim-check location '" + printable + "' is a directory");
            }
            long length = status.getLen();
            if (length > maxBytes) {
                throw new MalformedMessageException(
                        "the claim-check object '"
                                + printable
                                + "' has "
                                + length
                                + " bytes, more than 'claim-check.max-object-size' ("
                                + maxBytes
                                + " bytes); it was not read");
            }
            try (FSDataInputStream in = fs.open(path)) {
                return readExactly(in, (int) length, printable);
            }
        } catch (FileNotFoundException e) {
            throw new MalformedMessageException(
                    "the claim-check object '"
                            + printable
                            + "' does not exist (TiCDC never deletes them: was it removed, or is"
                            + " the location another storage's?)",
                    e);
        } catch (MalformedMessageException e) {
            throw e;
        } catch (IOException e) {
            throw new ClaimCheckStorageException(
                    "cannot read the claim-check object '"
                            + printable
                            + "' ("
                            + e.getClass().getSimpleName()
                            + "); the job fails so that a restart reads it again",
                    e);
        }
    }

    /** Reads the object whole; one that grew after its length was read is refused. */
    private static byte[] readExactly(FSDataInputStream in, int length, String printable)
            throws IOException {
        byte[] bytes = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(bytes, read, length - read);
            if (n < 0) {
                throw new MalformedMessageException(
                        "the claim-check object '"
                                + printable
                                + "' ended after "
                                + read
                                + " of its "
                                + length
                                + " bytes");
            }
            read += n;
        }
        if (in.read() >= 0) {
            throw new MalformedMessageException(
                    "the claim-check object '"
                            + printable
                            + "' holds more than the "
                            + length
                            + " bytes its length said; TiCDC writes each object once");
        }
        return bytes;
    }
}
