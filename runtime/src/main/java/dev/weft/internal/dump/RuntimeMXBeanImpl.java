package dev.weft.internal.dump;

import dev.weft.diagnostics.RuntimeMetrics;
import dev.weft.diagnostics.WeftRuntimeMXBean;
import dev.weft.internal.jfr.JfrGate;
import dev.weft.internal.jfr.WeftEvents;
import dev.weft.internal.scheduler.Scheduler;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The {@link WeftRuntimeMXBean} of one runtime. Each attribute reads the runtime's counters
 * afresh (see {@link RuntimeMetrics} for their cost).
 */
public final class RuntimeMXBeanImpl implements WeftRuntimeMXBean {
    private final Scheduler scheduler;
    private final ObjectName objectName;

    private RuntimeMXBeanImpl(Scheduler scheduler) throws JMException {
        this.scheduler = scheduler;
        this.objectName = new ObjectName("dev.weft:type=Runtime,name=" + ObjectName.quote(scheduler.name()));
    }

    /**
     * Registers the MXBean of {@code scheduler} with the platform MBean server.
     *
     * @param scheduler the runtime
     * @return the registered bean, to {@link #unregister()} when the runtime closes
     * @throws IllegalStateException if JMX refuses it
     */
    public static RuntimeMXBeanImpl register(Scheduler scheduler) {
        try {
            RuntimeMXBeanImpl bean = new RuntimeMXBeanImpl(scheduler);
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, bean.objectName);
            return bean;
        } catch (JMException e) {
            throw new IllegalStateException("could not register the Weft runtime MXBean " + scheduler.name(), e);
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
        return scheduler.metrics();
    }

    @Override
    public String getName() {
        return scheduler.name();
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
        return TaskDumps.format(scheduler.name(), scheduler.dumpTasks());
    }

    @Override
    public int recordTaskDump() {
        return JfrGate.on() ? WeftEvents.taskDump(scheduler.name(), scheduler.dumpTasks()) : 0;
    }
}
