package dev.weft.itest.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.abi.RuntimeAbi;
import dev.weft.coroutine.abi.Continuation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** Every runtime member the agent's generated code names exists in the runtime with that shape. */
class RuntimeAbiTest {
    private static Class<?> load(String internalName) throws ClassNotFoundException {
        return Class.forName(internalName.replace('/', '.'));
    }

    @Test
    void everyReferenceResolves() throws Exception {
        Class<?> c = load(RuntimeAbi.CONTINUATION);
        assertEquals(Continuation.class, c);
        Method current = c.getMethod(RuntimeAbi.CURRENT);
        assertTrue(Modifier.isStatic(current.getModifiers()));
        assertEquals(c, current.getReturnType());
        assertEquals(int.class, c.getMethod(RuntimeAbi.ENTER, Object.class).getReturnType());
        assertEquals(int.class, c.getMethod(RuntimeAbi.ENTER, Object.class, Object.class).getReturnType());
        c.getMethod(RuntimeAbi.DISARM);
        assertEquals(Object.class, c.getField(RuntimeAbi.ARMED_SELF).getType());
        c.getMethod(RuntimeAbi.UNPIN);
        assertEquals(IllegalStateException.class, c.getMethod(RuntimeAbi.CORRUPTED, String.class).getReturnType());
        assertEquals(boolean.class, c.getField(RuntimeAbi.SUSPENDING).getType());
        assertEquals(Object.class, c.getField(RuntimeAbi.ARMED).getType());
        c.getMethod(RuntimeAbi.PUSH_LABEL, int.class, String.class);
        assertEquals("(ILjava/lang/String;)V", RuntimeAbi.PUSH_LABEL_DESC);
        assertEquals(int.class, c.getMethod(RuntimeAbi.POP_LABEL).getReturnType());
        for (String kind : new String[] {"Int", "Long", "Float", "Double", "Ref"}) {
            Method pop = c.getMethod("pop" + kind);
            c.getMethod("push" + kind, pop.getReturnType());
        }
        assertEquals(Continuation.RUN, RuntimeAbi.RUN);
        assertEquals(Continuation.RESUME, RuntimeAbi.RESUME);
        assertEquals(Continuation.PINNED, RuntimeAbi.PINNED);
        assertEquals("dev.weft.Suspendable", RuntimeAbi.SUSPENDABLE_DESC.substring(1, RuntimeAbi.SUSPENDABLE_DESC.length() - 1).replace('/', '.'));
        load(RuntimeAbi.ASYNC).getMethod(RuntimeAbi.AWAIT, java.util.concurrent.CompletionStage.class);
        load(RuntimeAbi.INSTRUMENTED_DESC.substring(1, RuntimeAbi.INSTRUMENTED_DESC.length() - 1));
    }
}
