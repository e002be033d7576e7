package dev.weft.test.samples;

import dev.weft.test.WeftTest;

/** Run only through {@code Samples}: a {@code @WeftTest} method the agent would not rewrite. */
public class NotSuspendable {
    @WeftTest
    void forgotTheAnnotation() {
    }
}
