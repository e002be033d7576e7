package dev.weft.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void anUnknownOptionIsAnErrorNamingTheValidOne() {
        Compilation c = Compilation.of("Weft strcit", "class Typo {}\n");
        assertEquals(List.of(new Compilation.Reported(Diagnostic.Kind.ERROR, "Typo.java", 1,
                "[weft] unknown option(s) [strcit] after -Xplugin:Weft; the only option is 'strict'"
                        + " (-Xplugin:\"Weft strict\")")), c.weft());
    }
}
