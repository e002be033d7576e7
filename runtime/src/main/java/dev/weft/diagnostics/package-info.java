/**
 * What a running Weft runtime can tell about itself: a task dump ({@link
 * dev.weft.diagnostics.TaskInfo}), its counters ({@link dev.weft.diagnostics.RuntimeMetrics}) and
 * the JMX view of both ({@link dev.weft.diagnostics.WeftRuntimeMXBean}). The JFR events are
 * described in the README section "Profiling with JFR".
 */
package dev.weft.diagnostics;
