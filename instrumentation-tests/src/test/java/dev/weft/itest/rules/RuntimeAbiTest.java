package dev.weft.itest.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.agent.abi.RuntimeAbi;
import dev.weft.coroutine.abi.AbiNames;
import dev.weft.coroutine.abi.AbiVersion;
import dev.weft.coroutine.abi.Continuation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * Every runtime member the agent's generated code names exists in the runtime with that shape,
 * every name the runtime uses on its side of the contract is the one in {@link AbiNames}, and the
 * two sides agree on the ABI version.
 */
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

    private static Object constant(String className, String field) throws Exception {
        Field f = Class.forName(className).getDeclaredField(field);
        f.setAccessible(true);
        return f.get(null);
    }

    @Test
    void theRuntimeReadsTheNamesItDefines() throws Exception {
        assertEquals(AbiNames.ATTACHED_PROPERTY, constant("dev.weft.internal.coroutine.AgentPresence", "PROPERTY"));
        assertEquals(AbiNames.VERIFY_PROPERTY, constant("dev.weft.coroutine.abi.PinnedSuspensions", "VERIFY_PROPERTY"));
        assertEquals(AbiNames.ROOT_TOKEN, constant("dev.weft.CoroutineState", "ROOT_TOKEN"));
        assertEquals(RuntimeAbi.token("call", "()Ljava/lang/Object;"), AbiNames.ROOT_TOKEN);
        assertEquals(AbiNames.INSTRUMENTED, dev.weft.coroutine.abi.Instrumented.class.getName().replace('.', '/'));
        assertEquals(AbiNames.CONTINUATION, Continuation.class.getName().replace('.', '/'));
        assertEquals(RuntimeAbi.ABI_NAMES, AbiNames.class.getName().replace('.', '/'));
    }

    @Test
    void agentAndRuntimeSpeakTheSameVersion() {
        assertEquals(AbiVersion.VERSION, RuntimeAbi.VERSION);
        assertEquals(String.valueOf(AbiNames.VERSION), System.getProperty(AbiNames.AGENT_ABI_PROPERTY), "the attached agent publishes it");
        assertNull(AbiVersion.mismatch(String.valueOf(AbiNames.VERSION)));
        AbiVersion.requireAgentMatch(String.valueOf(AbiNames.VERSION));
    }

    @Test
    void theRuntimeRefusesAnAgentOfAnotherVersion() {
        IllegalStateException other = assertThrows(IllegalStateException.class, () -> AbiVersion.requireAgentMatch("999"));
        assertTrue(other.getMessage().contains("speaks ABI version 999, but the Weft runtime on the class path speaks ABI version "
                + AbiNames.VERSION), other.getMessage());
        IllegalStateException old = assertThrows(IllegalStateException.class, () -> AbiVersion.requireAgentMatch(null));
        assertTrue(old.getMessage().contains("does not report its ABI version"), old.getMessage());
    }
}
