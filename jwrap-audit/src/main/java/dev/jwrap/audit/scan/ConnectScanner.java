package dev.jwrap.audit.scan;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A TCP connect scan like {@code nmap -sT} (spec §3): one non-blocking {@code connect()} per port
 * from a window of probes in flight. A connect that completes, and whose channel then has a remote
 * address, is <em>open</em>; a refusal (RST) is <em>closed</em>; no answer within the timeout,
 * after the retries, or an ICMP error, is <em>filtered</em>. On loopback most connects finish at
 * once and never occupy the window ({@link LoopbackConnect} answers them without a selector). A
 * connection of a socket to itself (source port = probed port) is closed, not open. The window grows by one per answer and halves on a timeout
 * (floor 8); the timeout follows the measured round trips (TCP's srtt + 4·rttvar). Open probes are
 * closed with SO_LINGER 0 (a reset: no TIME_WAIT, nothing left in the target's accept queue). Ports
 * are probed in a shuffled order, split between one selector thread per core. Not thread-safe: one scan per instance.
 */
public final class ConnectScanner {

    private static final int MIN_WINDOW = 8;
    private static final int MAX_THREADS = 4;

    private final ChannelOpener opener;
    private final ScanTiming timing;
    private final Random random;

    private RatePacer pacer;

    public ConnectScanner(ChannelOpener opener, ScanTiming timing, Random random) {
        this.opener = opener;
        this.timing = timing;
        this.random = random;
    }

    /**
     * Opens at most {@code perSecond} new connections per second (a remote target's default is 500);
     * answers the loopback fast path gives are not connections and are not paced.
     *
     * @return this scanner
     */
    public ConnectScanner maxRate(int perSecond) {
        this.pacer = new RatePacer(perSecond);
        return this;
    }

    private record Probe(int port, int attempt) {}

    private record InFlight(Probe probe, SocketChannel channel, long start, long deadline) {}

    /**
     * Scans the ports of one address: the shuffled ports are split between one selector thread per
     * core (at most {@link #MAX_THREADS}), each with its own window and round-trip estimate.
     */
    public ScanResult scan(InetAddress target, PortList ports) throws IOException {
        long begin = System.nanoTime();
        int[] order = ports.toArray();
        for (int i = order.length - 1; i > 0; i--) { // Fisher-Yates: no sequential sweep for a rate limiter to see
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int threads = Math.max(1, Math.min(Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()), order.length / 256));
        List<Integer> open = new ArrayList<>();
        TreeMap<Integer, String> filtered = new TreeMap<>();
        int closed = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Slice>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int[] slice = java.util.Arrays.copyOfRange(order, t * order.length / threads, (t + 1) * order.length / threads);
                futures.add(pool.submit(() -> scanSlice(target, slice)));
            }
            for (Future<Slice> f : futures) {
                Slice s = f.get();
                open.addAll(s.open());
                filtered.putAll(s.filtered());
                closed += s.closed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("scan interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        return new ScanResult(target, ports, open, filtered, closed, System.nanoTime() - begin);
    }

    private record Slice(List<Integer> open, Map<Integer, String> filtered, int closed) {}

    private Slice scanSlice(InetAddress target, int[] order) throws IOException {
        Deque<Probe> pending = new ArrayDeque<>();
        for (int p : order) {
            pending.add(new Probe(p, 0));
        }
        List<Integer> open = new ArrayList<>();
        TreeMap<Integer, String> filtered = new TreeMap<>();
        int closed = 0;
        Map<SelectionKey, InFlight> inFlight = new HashMap<>();
        Rtt rtt = new Rtt(timing);
        int window = timing.initialWindow();
        LoopbackConnect fast = opener == ChannelOpener.SYSTEM ? LoopbackConnect.forTarget(target, timing.initialTimeoutMs()) : null;
        try (Selector selector = Selector.open()) {
            while (!pending.isEmpty() || !inFlight.isEmpty()) {
                while (inFlight.size() < window && !pending.isEmpty()) {
                    Probe probe = pending.peek();
                    int quick = fast == null || probe.attempt() > 0 ? LoopbackConnect.UNDECIDED : fast.probe(probe.port());
                    if (quick == LoopbackConnect.OPEN) {
                        pending.poll();
                        open.add(probe.port());
                        continue;
                    } else if (quick == LoopbackConnect.CLOSED) {
                        pending.poll();
                        closed++;
                        continue;
                    }
                    if (pacer != null && !pacer.tryAcquire()) {
                        break; // the next connect waits for its slot; the selector waits with it
                    }
                    pending.poll();
                    SocketChannel ch = opener.open();
                    Outcome now;
                    long start = System.nanoTime();
                    try {
                        ch.configureBlocking(false);
                        now = ch.connect(new InetSocketAddress(target, probe.port())) ? confirm(ch) : null;
                    } catch (ConnectException e) {
                        now = Outcome.CLOSED;
                    } catch (IOException e) {
                        now = Outcome.filtered(e);
                    }
                    if (now == null) {
                        inFlight.put(ch.register(selector, SelectionKey.OP_CONNECT),
                                new InFlight(probe, ch, start, start + rtt.timeoutNanos()));
                        continue;
                    }
                    ch.close();
                    closed += record(now, probe.port(), open, filtered);
                }
                long next = inFlight.values().stream().mapToLong(InFlight::deadline).min().orElse(System.nanoTime());
                if (pacer != null && !pending.isEmpty()) {
                    next = Math.min(next, System.nanoTime() + pacer.nanosUntilNext());
                }
                long waitMs = Math.max(1, (next - System.nanoTime()) / 1_000_000);
                selector.select(waitMs);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    InFlight f = inFlight.remove(key);
                    if (f == null) {
                        continue;
                    }
                    Outcome o;
                    try {
                        o = f.channel().finishConnect() ? confirm(f.channel()) : null;
                    } catch (ConnectException e) {
                        o = Outcome.CLOSED;
                    } catch (IOException e) {
                        o = Outcome.filtered(e);
                    }
                    if (o == null) {
                        inFlight.put(key, f); // spurious wake-up: still connecting
                        continue;
                    }
                    key.cancel();
                    f.channel().close();
                    rtt.sample(System.nanoTime() - f.start());
                    window = Math.min(timing.maxWindow(), window + 1);
                    closed += record(o, f.probe().port(), open, filtered);
                }
                long now = System.nanoTime();
                Iterator<Map.Entry<SelectionKey, InFlight>> expired = inFlight.entrySet().iterator();
                while (expired.hasNext()) {
                    Map.Entry<SelectionKey, InFlight> e = expired.next();
                    InFlight f = e.getValue();
                    if (f.deadline() > now) {
                        continue;
                    }
                    expired.remove();
                    e.getKey().cancel();
                    f.channel().close();
                    window = Math.max(MIN_WINDOW, window / 2);
                    if (f.probe().attempt() < timing.retries()) {
                        pending.addFirst(new Probe(f.probe().port(), f.probe().attempt() + 1));
                    } else {
                        filtered.put(f.probe().port(), "no-response");
                    }
                }
            }
        } finally {
            for (InFlight f : inFlight.values()) {
                f.channel().close();
            }
            if (fast != null) {
                fast.close();
            }
        }
        return new Slice(open, filtered, closed);
    }

    /** Returns 1 for a closed port (counted, not listed), else 0. */
    private static int record(Outcome o, int port, List<Integer> open, TreeMap<Integer, String> filtered) {
        switch (o.state()) {
            case OPEN -> open.add(port);
            case FILTERED -> filtered.put(port, o.reason());
            case CLOSED -> {
                return 1;
            }
        }
        return 0;
    }

    /**
     * A completed connect counts as open only with a remote address: a wake-up after an ICMP error
     * alone must not pass for a connection (nmap issue 3523).
     */
    private static Outcome confirm(SocketChannel ch) throws IOException {
        if (!(ch.getRemoteAddress() instanceof InetSocketAddress remote)) {
            return Outcome.filtered(new IOException("no-connection"));
        }
        if (ch.getLocalAddress() instanceof InetSocketAddress local && local.equals(remote)) {
            // the kernel picked the probed port as the source port: a self-connection, no listener there
            return Outcome.CLOSED;
        }
        // closed with a reset: no TIME_WAIT, nothing left in the target's accept queue (set only here:
        // one system call fewer for each of the many closed ports)
        ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        return Outcome.OPEN;
    }

    enum State {
        OPEN,
        CLOSED,
        FILTERED
    }

    private record Outcome(State state, String reason) {
        static final Outcome OPEN = new Outcome(State.OPEN, "syn-ack");
        static final Outcome CLOSED = new Outcome(State.CLOSED, "conn-refused");

        static Outcome filtered(IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(State.FILTERED, m.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        }
    }

    /** Smoothed round-trip time and its variance, as TCP keeps them (RFC 6298: alpha 1/8, beta 1/4). */
    private static final class Rtt {
        private final ScanTiming timing;
        private double srtt = -1;
        private double rttvar;

        Rtt(ScanTiming timing) {
            this.timing = timing;
        }

        void sample(long nanos) {
            double r = nanos;
            if (srtt < 0) {
                srtt = r;
                rttvar = r / 2;
            } else {
                rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - r);
                srtt = 0.875 * srtt + 0.125 * r;
            }
        }

        long timeoutNanos() {
            long ms = srtt < 0 ? timing.initialTimeoutMs() : (long) ((srtt + 4 * rttvar) / 1_000_000);
            return Math.clamp(ms, timing.minTimeoutMs(), timing.maxTimeoutMs()) * 1_000_000L;
        }
    }
}
