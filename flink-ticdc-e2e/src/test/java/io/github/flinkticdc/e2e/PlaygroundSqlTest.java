package io.github.flinkticdc.e2e;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README shows the SQL the playground prints, so that what a reader copies is what runs. */
class PlaygroundSqlTest {

    @Test
    void theReadmeShowsEachExampleOfThePlayground() throws Exception {
        // Tests run in the module's directory; the README is the clone's.
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        for (String example : PlaygroundSql.examples("kafka:9092")) {
            assertThat(readme).contains("```sql\n" + example + "```\n");
        }
    }
}
