package dev.jwrap.netty;

import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;

/**
 * One channel's state while its access check is open: whether the PROXY header is still awaited
 * and its deadline, the messages read before the verdict (handed on in order after an allow,
 * released after a refusal), and the auto-read setting to restore. Used on the channel's event
 * loop only.
 */
final class PendingCheck {

    /** The state of a channel that was refused or failed while the handler is still in its pipeline. */
    static final PendingCheck FINISHED = new PendingCheck(false, false, false);

    final boolean autoRead;
    /** Whether {@code channelActive} was held back and is owed to downstream handlers on an allow. */
    final boolean holdsActive;
    boolean awaitingHeader;
    ScheduledFuture<?> headerDeadline;
    private final List<Object> held = new ArrayList<>();

    PendingCheck(boolean autoRead, boolean awaitingHeader, boolean holdsActive) {
        this.autoRead = autoRead;
        this.awaitingHeader = awaitingHeader;
        this.holdsActive = holdsActive;
    }

    void hold(Object message) {
        held.add(message);
    }

    /** The held messages, in arrival order; the caller now owns them. */
    List<Object> takeHeld() {
        List<Object> messages = List.copyOf(held);
        held.clear();
        return messages;
    }

    /** Drops everything held (refused or closed) and stops the header deadline. */
    void discard() {
        held.forEach(ReferenceCountUtil::safeRelease);
        held.clear();
        cancelDeadline();
    }

    void cancelDeadline() {
        if (headerDeadline != null) {
            headerDeadline.cancel(false);
            headerDeadline = null;
        }
    }
}
