package dev.weft.test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 side of {@link WeftTest}: on a method, one invocation per schedule, each run by a
 * {@link ScheduleInvocation}; on a class, every {@code @Test} method runs its schedules in turn
 * inside one invocation. Resolves {@link TestClock} parameters.
 */
final class WeftTestExtension implements TestTemplateInvocationContextProvider, InvocationInterceptor, ParameterResolver {
    private static final TestClock CLOCK = new TestClock();

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, WeftTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method m = context.getRequiredTestMethod();
        WeftTest a = AnnotationSupport.findAnnotation(m, WeftTest.class).orElseThrow();
        TestSettings settings = TestSettings.of(a, where(m));
        List<Long> seeds = ScheduleSeeds.of(a, where(m));
        return seeds.stream().map(seed -> new ScheduleInvocation(settings, seed));
    }

    /** A plain {@code @Test} in a class annotated {@code @WeftTest}. */
    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        Optional<WeftTest> onClass = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WeftTest.class);
        if (onClass.isEmpty()) {
            invocation.proceed();
            return;
        }
        invocation.skip();
        Method m = call.getExecutable();
        TestSettings settings = TestSettings.of(onClass.get(), where(m));
        for (Long seed : ScheduleSeeds.of(onClass.get(), where(m))) {
            TestRun.run(settings, seed, call.getTarget().orElseThrow(), m, call.getArguments().toArray());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
        return p.getParameter().getType() == TestClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext context) {
        return CLOCK;
    }

    private static String where(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName();
    }

    /** One schedule of a method-level {@code @WeftTest}. */
    private static final class ScheduleInvocation implements TestTemplateInvocationContext, InvocationInterceptor {
        private final TestSettings settings;
        private final Long seed;

        ScheduleInvocation(TestSettings settings, Long seed) {
            this.settings = settings;
            this.seed = seed;
        }

        @Override
        public String getDisplayName(int index) {
            return seed == null ? "[" + index + "]" : "[" + index + "] seed = " + ScheduleSeeds.format(seed);
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(this);
        }

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                ExtensionContext context) throws Throwable {
            invocation.skip();
            TestRun.run(settings, seed, call.getTarget().orElseThrow(), call.getExecutable(), call.getArguments().toArray());
        }
    }
}
