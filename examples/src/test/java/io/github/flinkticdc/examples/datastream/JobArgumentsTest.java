package io.github.flinkticdc.examples.datastream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The examples take the bootstrap servers and the topic, and say so when given anything else. */
class JobArgumentsTest {

    @Test
    void takesTheBootstrapServersThenTheTopic() {
        JobArguments arguments =
                JobArguments.parse(CanalJsonFormatJob.class, new String[] {"kafka:9092", "cdc"});

        assertThat(arguments.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(arguments.topic()).isEqualTo("cdc");
    }

    @Test
    void anyOtherCountOfArgumentsGetsTheUsageOfTheJob() {
        assertThatThrownBy(
                        () ->
                                JobArguments.parse(
                                        ExactlyOnceChangelogJob.class, new String[] {"kafka:9092"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "Usage: ExactlyOnceChangelogJob <bootstrap-servers> <topic>")
                .hasMessageContaining("got 1 arguments");
    }
}
