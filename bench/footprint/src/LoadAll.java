import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads (without initializing) every class of the jars given as arguments through one
 * URLClassLoader, then prints one line: classes loaded, classes the JVM refused (absent optional
 * dependencies), peak RSS (VmHWM) and heap used after a full GC. With no arguments it does
 * nothing, which measures start-up.
 */
public final class LoadAll {
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            return;
        }
        List<URL> urls = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String a : args) {
            Path jar = Path.of(a);
            urls.add(jar.toUri().toURL());
            try (JarFile f = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> e = f.entries(); e.hasMoreElements(); ) {
                    String n = e.nextElement().getName();
                    if (n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class")
                            && !n.endsWith("package-info.class")) {
                        names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
                    }
                }
            }
        }
        int loaded = 0;
        int refused = 0;
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), LoadAll.class.getClassLoader())) {
            for (String n : names) {
                try {
                    Class.forName(n, false, loader);
                    loaded++;
                } catch (LinkageError | ClassNotFoundException absentDependency) {
                    refused++;
                }
            }
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.println("loaded=" + loaded + " refused=" + refused + " hwm_kib=" + vmHwmKib() + " heap_after_gc_kib=" + heap / 1024);
        }
    }

    private static long vmHwmKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
