package dev.weft.internal.dump;

import dev.weft.diagnostics.RuntimeMetrics;
import dev.weft.diagnostics.WeftRuntimeMXBean;
import dev.weft.internal.jfr.JfrGate;
import dev.weft.internal.jfr.ObservedRuntime;
import dev.weft.internal.jfr.WeftEvents;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The {@link WeftRuntimeMXBean} of one runtime. Each attribute reads the runtime's counters
 * afresh (see {@link RuntimeMetrics} for their cost).
 */
public final class RuntimeMXBeanImpl implements WeftRuntimeMXBean {
    private final ObservedRuntime runtime;
    private final ObjectName objectName;

    private RuntimeMXBeanImpl(ObservedRuntime runtime) throws JMException {
        this.runtime = runtime;
        this.objectName = new ObjectName("dev.weft:type=Runtime,name=" + ObjectName.quote(runtime.name()));
    }

    /**
     * Registers the MXBean of {@code runtime} with the platform MBean server.
     *
     * @param runtime the runtime
     * @return the registered bean, to {@link #unregister()} when the runtime closes
     * @throws IllegalStateException if JMX refuses it
     */
    public static RuntimeMXBeanImpl register(ObservedRuntime runtime) {
        try {
            RuntimeMXBeanImpl bean = new RuntimeMXBeanImpl(runtime);
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, bean.objectName);
            return bean;
        } catch (JMException e) {
            throw new IllegalStateException("could not register the Weft runtime MXBean " + runtime.name(), e);
        }
    }

    /** @return the name it is registered under */
    public ObjectName objectName() {
        return objectName;
    }

    /** Removes the bean; idempotent. */
    public void unregister() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
        } catch (JMException ignored) {
            // unregistered concurrently
        }
    }

    private RuntimeMetrics m() {
        return runtime.metrics();
    }

    @Override
    public String getName() {
        return runtime.name();
    }

    @Override
    public int getWorkers() {
        return m().workers();
    }

    @Override
    public long getLiveTasks() {
        return m().liveTasks();
    }

    @Override
    public long getInjectionQueueDepth() {
        return m().injectionQueueDepth();
    }

    @Override
    public long getLocalQueueDepth() {
        return m().localQueueDepth();
    }

    @Override
    public long getPolls() {
        return m().polls();
    }

    @Override
    public long getSteals() {
        return m().steals();
    }

    @Override
    public long getParks() {
        return m().parks();
    }

    @Override
    public int getBlockingThreads() {
        return m().blockingThreads();
    }

    @Override
    public int getIdleBlockingThreads() {
        return m().idleBlockingThreads();
    }

    @Override
    public int getBlockingQueueDepth() {
        return m().blockingQueueDepth();
    }

    @Override
    public int getTimersPending() {
        return m().timersPending();
    }

    @Override
    public String dumpTasks() {
        return TaskDumps.format(runtime.name(), runtime.dumpTasks());
    }

    @Override
    public int recordTaskDump() {
        return JfrGate.on() ? WeftEvents.taskDump(runtime.name(), runtime.dumpTasks()) : 0;
    }
}
