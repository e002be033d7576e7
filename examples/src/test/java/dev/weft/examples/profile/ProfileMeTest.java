package dev.weft.examples.profile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProfileMeTest {
    @Test
    void runsAndDumpsTheTaskThatWaitsForever() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long handled = new ProfileMe(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(0.5);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(handled >= 16, out);
        assertTrue(out.contains("\"waits-forever\" IDLE"), out);
        assertTrue(out.contains("at dev.weft.examples.profile.ProfileMe.waitForAnAnswer(ProfileMe.java:"), out);
        assertTrue(out.contains("RuntimeMetrics[workers=2"), out);
    }
}
