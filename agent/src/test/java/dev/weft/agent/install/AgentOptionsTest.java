package dev.weft.agent.install;

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

    @Test
    void everyEmptyItemIsRejected() {
        for (String args : new String[] {"verify,,debug", "verify,", ",verify", " , ", "include=", "include=com.a::com.b",
                "include=com.a:", "exclude=:com.a", "dump=", "dump= "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(args), args);
            assertTrue(e.getMessage().contains("empty") || e.getMessage().contains("needs a value"), args + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("valid options:"), e.getMessage());
        }
    }

    @Test
    void blankTextMeansDefaults() {
        assertEquals(AgentOptions.parse(null), AgentOptions.parse("   "));
    }

    @Test
    void whitespaceAroundItemsIsIgnored() {
        assertEquals(AgentOptions.parse("verify,include=com.a:com.b"), AgentOptions.parse(" verify , include = com.a : com.b "));
    }

    @Test
    void includeCoveredByAnExcludeIsRejected() {
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse("include=com.a,exclude=com.a"));
        assertTrue(same.getMessage().contains("include=com.a can never take effect because exclude=com.a covers it"), same.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("exclude=com.a,include=com.a.b"));
        // the other way round is the usual shape: rewrite an application but not its generated code
        assertEquals(List.of("com.a.gen"), AgentOptions.parse("include=com.a,exclude=com.a.gen").excludes());
    }

    @Test
    void repeatedOptionsAccumulateOrMustAgree() {
        AgentOptions o = AgentOptions.parse("include=com.a,include=com.b,verify,verify,dump=/tmp/x,dump=/tmp/x");
        assertEquals(List.of("com.a", "com.b"), o.includes());
        assertTrue(o.verify());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("dump=/tmp/x,dump=/tmp/y"));
        assertTrue(e.getMessage().contains("option 'dump' is given twice"), e.getMessage());
    }
}
