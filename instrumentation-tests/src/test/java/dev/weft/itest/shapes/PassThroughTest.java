package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.excluded.ExcludedForwarder;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.InMemoryClassLoader;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.MethodDelegation;
import net.bytebuddy.implementation.bind.annotation.RuntimeType;
import net.bytebuddy.implementation.bind.annotation.SuperCall;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Suspendable methods reached through frames the agent did not rewrite: JDK dynamic proxies,
 * decorators forwarding by reflection or by method handle, a Byte Buddy subclass proxy, an
 * override without a suspension point that reaches its target through a plain interface, an
 * excluded class, JDK lambdas. Each target awaits a pin gate, which fails the case if it
 * suspends through the forwarder instead of pinning; each forwarder logs before and after, so a
 * forwarder that ran twice or saw a dummy value changes the log; and the ordinary awaits before
 * and after each pinned call must really suspend (the harness counts pending polls).
 */
public class PassThroughTest extends ShapeTest {
    /** Public: its JDK proxy class lives in a {@code jdk.proxyN} package, which the agent never rewrites. */
    public interface Service {
        /** @param x input @return output */
        @Suspendable
        String call(String x);
    }

    /** Package-private: its JDK proxy class is defined in this package, so the agent rewrites it. */
    interface LocalService {
        @Suspendable
        String call(String x);
    }

    /** The real callee; it awaits, so reached through any forwarder it must pin. */
    public static class Real implements Service, LocalService {
        @Override
        public String call(String x) {
            Src.log("real " + x);
            String r = x + Src.pinned("!");
            Src.log("real returns " + r);
            return r;
        }
    }

    /** Calls the service twice with ordinary awaits around and between, and logs what it got. */
    @Suspendable
    static String around(Service s) {
        Src.note("before");
        String a = s.call("a");
        Src.log("got " + a);
        int k = Src.i(1);
        String b = s.call("b");
        Src.log("got " + b);
        return a + k + b + Src.s("|end");
    }

    static InvocationHandler forwardingTo(Object target) {
        return (proxy, m, args) -> {
            Src.log("handler " + m.getName() + " " + args[0]);
            Object r;
            try {
                r = m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            Src.log("handler got " + r);
            return r;
        };
    }

    @Differential
    @Suspendable
    static String jdkProxy() {
        Service s = (Service) Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
                forwardingTo(new Real()));
        return around(s);
    }

    @Differential
    @Suspendable
    static String jdkProxyInThisPackage() {
        LocalService s = (LocalService) Proxy.newProxyInstance(LocalService.class.getClassLoader(),
                new Class<?>[] {LocalService.class}, forwardingTo(new Real()));
        Src.note("before");
        String a = s.call("a");
        Src.log("got " + a);
        return a + Src.i(2) + s.call("b") + Src.s("|end");
    }

    /** Forwards by reflection; overrides a suspendable method but has no suspension point. */
    public static final class ReflectiveDecorator implements Service {
        private final Service target;

        ReflectiveDecorator(Service target) {
            this.target = target;
        }

        @Override
        public String call(String x) {
            Src.log("decorator before " + x);
            try {
                Method m = Service.class.getMethod("call", String.class);
                String r = (String) m.invoke(target, x);
                Src.log("decorator after " + r);
                return r;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Differential
    @Suspendable
    static String reflectiveDecorator() {
        return around(new ReflectiveDecorator(new Real()));
    }

    /** Forwards through a method handle. */
    public static final class HandleDecorator implements Service {
        private static final MethodHandle CALL;

        static {
            try {
                CALL = MethodHandles.publicLookup().findVirtual(Service.class, "call", MethodType.methodType(String.class, String.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Service target;

        HandleDecorator(Service target) {
            this.target = target;
        }

        @Override
        public String call(String x) {
            Src.log("handle before " + x);
            String r;
            try {
                r = (String) CALL.invoke(target, x);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            Src.log("handle after " + r);
            return r;
        }
    }

    @Differential
    @Suspendable
    static String methodHandleDecorator() {
        return around(new HandleDecorator(new Real()));
    }

    /** The interceptor of the Byte Buddy subclass proxy: logs around the super call. */
    public static final class Interceptor {
        private Interceptor() {
        }

        /** @param zuper the overridden method @return its result @throws Exception what it threw */
        @RuntimeType
        public static Object intercept(@SuperCall Callable<?> zuper) throws Exception {
            Src.log("interceptor before");
            Object r = zuper.call();
            Src.log("interceptor after " + r);
            return r;
        }
    }

    /** A subclass proxy as Spring AOP and Mockito make them: same receiver, the super call through an auxiliary class. */
    static final Class<?> BYTE_BUDDY_PROXY = byteBuddyProxy();

    /**
     * Defines the proxy and its auxiliary classes in an in-memory loader (a child loader, as Byte
     * Buddy's own wrapper strategy makes), so the agent sees them and the verification of
     * transformed classes can resolve them.
     */
    private static Class<?> byteBuddyProxy() {
        DynamicType.Unloaded<Real> type = new ByteBuddy()
                .subclass(Real.class)
                .method(ElementMatchers.named("call"))
                .intercept(MethodDelegation.to(Interceptor.class))
                .make();
        Map<String, byte[]> classes = new HashMap<>();
        type.getAllTypes().forEach((t, bytes) -> classes.put(t.getName(), bytes));
        try {
            return new InMemoryClassLoader(classes, PassThroughTest.class.getClassLoader()).loadClass(type.getTypeDescription().getName());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Differential
    @Suspendable
    static String byteBuddySubclassProxy() throws ReflectiveOperationException {
        return around((Service) BYTE_BUDDY_PROXY.getDeclaredConstructor().newInstance());
    }

    /** Overrides without a suspension point and reaches {@code super} through a plain Supplier: the same receiver. */
    public static final class SuperThroughSupplier extends Real {
        @Override
        public String call(String x) {
            Src.log("sub before " + x);
            Supplier<String> s = () -> super.call(x);
            String r = s.get();
            Src.log("sub after " + r);
            return r;
        }
    }

    @Differential
    @Suspendable
    static String overrideReachingSuperThroughPlainInterface() {
        return around(new SuperThroughSupplier());
    }

    /** Overrides without a suspension point and reaches another target through a plain Function. */
    public static final class ThroughFunction implements Service {
        private final Service target;

        ThroughFunction(Service target) {
            this.target = target;
        }

        @Override
        public String call(String x) {
            Function<String, String> f = target::call;
            Src.log("function before " + x);
            String r = f.apply(x);
            Src.log("function after " + r);
            return r;
        }
    }

    @Differential
    @Suspendable
    static String overrideReachingTargetThroughPlainInterface() {
        return around(new ThroughFunction(new Real()));
    }

    @Differential
    @Suspendable
    static String excludedClassInTheMiddle() {
        return around(new ExcludedForwarder(new Real()));
    }

    @Differential
    @Suspendable
    static String excludedClassForwardingToAnotherExcludedOne() {
        return around(new ExcludedForwarder(new ExcludedForwarder(new Real())));
    }

    @Differential
    @Suspendable
    static String jdkLambdasThenOrdinaryAwaits() {
        Real real = new Real();
        List<String> out = new ArrayList<>();
        Src.note("start");
        List.of("a", "b").forEach(v -> out.add(real.call(v)));
        out.add(Src.s("between"));
        List.of("c").forEach(v -> out.add(real.call(v)));
        return out + Src.s("|end");
    }

    @Differential
    @Suspendable
    static String reflectionFromARewrittenMethod() throws ReflectiveOperationException {
        Method m = Real.class.getMethod("call", String.class);
        Src.note("start");
        String a = (String) m.invoke(new Real(), "a");
        return a + Src.i(3) + (String) m.invoke(new Real(), "b") + Src.s("|end");
    }

    @Differential
    @Suspendable
    static String exceptionThroughAProxyAfterPinning() {
        Service failing = x -> {
            Src.pinned("");
            throw new IllegalArgumentException("bad " + x);
        };
        Service s = (Service) Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
                forwardingTo(failing));
        Src.note("before");
        try {
            return s.call("a");
        } catch (IllegalArgumentException e) {
            Src.log("caught " + e.getMessage());
            return e.getMessage() + Src.s("|after");
        }
    }
}
