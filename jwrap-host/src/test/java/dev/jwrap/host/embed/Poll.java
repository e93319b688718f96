package dev.jwrap.host.embed;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Test fixture: waits for a condition with a deadline instead of sleeping. */
public final class Poll {

    private Poll() {}

    /** Polls {@code condition} until true; fails with {@code what} after {@code limit}. */
    public static void until(BooleanSupplier condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            try {
                Thread.sleep(5); // a polling interval, not synchronisation: the condition decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
