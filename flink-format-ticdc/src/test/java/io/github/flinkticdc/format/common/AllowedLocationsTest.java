package io.github.flinkticdc.format.common;

import io.github.flinkticdc.format.protocol.MalformedMessageException;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.table.api.ValidationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A message names the object the job reads, so {@code claim-check.allowed-locations} must hold
 * against every spelling that could climb out of a prefix or name another file system; and an
 * object's size is checked before it is read.
 */
class AllowedLocationsTest {

    private final AllowedLocations allowed =
            new AllowedLocations(List.of("file:/data/cc", "s3://bucket/claim-check/"));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:/data/cc/1a2b.json",
                "file:///data/cc/1a2b.json",
                "FILE:/data/cc/1a2b.json",
                "file:/data/cc/sub/1a2b.json",
                "s3://bucket/claim-check/1a2b.json"
            })
    void readsLocationsUnderAPrefix(String location) throws Exception {
        assertThat(allowed.require(location).getPath()).endsWith("1a2b.json");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // a name that merely starts like the prefix
                "file:/data/cc-evil/x.json",
                "file:/data/ccx.json",
                // the prefix itself, or its parent
                "file:/data/cc",
                "file:/data/cc/",
                // traversal, however spelled
                "file:/data/cc/../etc/passwd",
                "file:/data/cc/./x.json",
                "file:/data/cc/%2e%2e/etc/passwd",
                "file:/data/cc%2F..%2Fx.json",
                "file:/data/cc/..\\x.json",
                "file:/data/cc//x.json",
                // another scheme, authority or bucket
                "/data/cc/x.json",
                "hdfs:/data/cc/x.json",
                "file://evil/data/cc/x.json",
                "s3://bucket-evil/claim-check/x.json",
                "s3://bucket.evil.com/claim-check/x.json",
                "s3://bucket/claim-check-evil/x.json",
                "s3:/bucket/claim-check/x.json",
                "s3://BUCKET/claim-check/x.json",
                // authority and other tricks
                "s3://bucket@evil/claim-check/x.json",
                "file:/data/cc/x.json?versionId=1",
                "file:/data/cc/x.json#y",
                "file:data/cc/x.json",
                "not a uri at all/x.json"
            })
    void refusesEveryOtherLocationNamingTheOption(String location) {
        assertThatThrownBy(() -> allowed.require(location))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("refused by 'claim-check.allowed-locations'");
    }

    @Test
    void aSchemeInCapitalsIsReadAtItsLowerCaseScheme() throws Exception {
        assertThat(allowed.require("FILE:/data/cc/1a2b.json").getScheme()).isEqualTo("file");
    }

    @Test
    void neverRepeatsTheCredentialsOfALocation() {
        assertThatThrownBy(() -> allowed.require("s3://key:s3cr3t@bucket/claim-check/x.json"))
                .hasMessageContaining("holds user information")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(
                        () ->
                                new AllowedLocations(List.of())
                                        .require("s3://key:s3cr3t@bucket/claim-check/x.json"))
                .hasMessageContaining("'s3://***@bucket/claim-check/x.json'")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void withoutTheOptionEveryClaimCheckRowIsRefusedNamingIt() {
        assertThatThrownBy(() -> new AllowedLocations(List.of()).require("file:/data/cc/x.json"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("set 'claim-check.allowed-locations'");
    }

    @Test
    void aPrefixThatIsNotAPlainUriIsAConfigurationError() {
        Configuration config = new Configuration();
        config.setString("claim-check.allowed-locations", "s3://bucket/cc/../other");

        assertThatThrownBy(() -> DecoderOptions.from(config, "ticdc-canal."))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'ticdc-canal.claim-check.allowed-locations'")
                .hasMessageContaining("'.' or '..' path segment");
    }

    @Test
    void anObjectLargerThanTheLimitIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path object = Files.write(dir.resolve("big.json"), new byte[2048]);
        Path small = Files.write(dir.resolve("small.json"), new byte[1024]);
        FileSystemClaimCheckObjects objects =
                new FileSystemClaimCheckObjects(
                        new AllowedLocations(List.of(dir.toUri().toString())), 1024);

        assertThatThrownBy(() -> objects.read(object.toUri().toString()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("has 2048 bytes, more than 'claim-check.max-object-size'")
                .hasMessageContaining("it was not read");
        assertThat(objects.read(small.toUri().toString())).hasSize(1024);
        assertThatThrownBy(() -> objects.read(dir.toUri() + "absent.json"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("absent.json' does not exist");
    }

    @Test
    void theObjectSizeLimitIsValidated() {
        Configuration config = new Configuration();
        config.set(TiCdcFormatOptions.CLAIM_CHECK_MAX_OBJECT_SIZE, MemorySize.parse("2gb"));

        assertThatThrownBy(() -> DecoderOptions.from(config, ""))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'claim-check.max-object-size' must be");
    }
}
