package dev.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {
    @Test
    void parsesEveryOption() {
        AgentOptions o = AgentOptions.parse("verify,dump=/tmp/x,include=com.a:com.b,exclude=com.a.gen,debug");
        assertTrue(o.verify());
        assertTrue(o.debug());
        assertEquals(Path.of("/tmp/x"), o.dumpDir());
        assertEquals(List.of("com.a", "com.b"), o.includes());
        assertEquals(List.of("com.a.gen"), o.excludes());
    }

    @Test
    void noOptionsMeansDefaults() {
        AgentOptions o = AgentOptions.parse(null);
        assertEquals(new AgentOptions(false, null, List.of(), List.of(), false), o);
        assertEquals(o, AgentOptions.parse(""));
    }

    @Test
    void unknownOptionIsNamedWithTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("verify,turbo"));
        assertTrue(e.getMessage().contains("unknown option 'turbo'"), e.getMessage());
        assertTrue(e.getMessage().contains("verify | dump=<dir> | include="), e.getMessage());
    }

    @Test
    void malformedOptionsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("dump"))
                .getMessage().contains("option 'dump' needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("verify=yes"))
                .getMessage().contains("option 'verify' takes no value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("include=com/example"))
                .getMessage().contains("malformed package prefix 'com/example'"));
    }
}
