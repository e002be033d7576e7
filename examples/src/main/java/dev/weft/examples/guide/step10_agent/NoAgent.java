package dev.weft.examples.guide.step10_agent;

import dev.weft.AgentNotAttachedException;
import dev.weft.Coroutine;
import dev.weft.Suspendable;
import dev.weft.time.Time;
import java.time.Duration;

/** Run without the agent: suspendable methods are plain methods, and a coroutine cannot run. */
public final class NoAgent {
    private NoAgent() {
    }

    @Suspendable
    static String fetch() {
        Time.sleep(Duration.ofMillis(1));     // without the agent this await blocks the thread
        return "fetched";
    }

    /**
     * Runs the example.
     *
     * @param args unused
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        System.out.println("a plain call still works (its awaits block): " + fetch());
        try {
            Coroutine.blockOn(NoAgent::fetch);
        } catch (AgentNotAttachedException e) {
            System.out.println("Coroutine.blockOn threw AgentNotAttachedException:");
            System.out.println(e.getMessage());
        }
    }
}
