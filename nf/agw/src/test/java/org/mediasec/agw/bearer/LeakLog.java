package org.mediasec.agw.bearer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Collects Netty's {@code LEAK:} reports (a logback appender on {@code io.netty.util.ResourceLeakDetector},
 * see logback-test.xml), so a test class can fail on a leaked buffer. Run with
 * {@code -Dio.netty.leakDetection.level=paranoid} to track every buffer.
 */
public final class LeakLog extends AppenderBase<ILoggingEvent> {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent e) {
        if (e.getFormattedMessage().contains("LEAK")) {
            LEAKS.add(e.getFormattedMessage());
        }
    }

    /**
     * Lets the garbage collector find unreleased buffers and Netty report them (it reports when the
     * next buffer is tracked), then returns every report so far.
     */
    public static List<String> collect() {
        for (int round = 0; round < 5; round++) {
            System.gc();
            System.runFinalization();
            for (int i = 0; i < 200; i++) {
                ByteBuf a = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                ByteBuf b = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
                a.release();
                b.release();
            }
        }
        return List.copyOf(LEAKS);
    }
}
