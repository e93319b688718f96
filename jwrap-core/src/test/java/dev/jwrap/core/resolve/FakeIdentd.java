package dev.jwrap.core.resolve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An identd on a loopback port for tests: records each query line and answers it with a
 * scripted reply (then closes), or holds the connection open without a word.
 */
final class FakeIdentd implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ServerSocket server;
    private final UnaryOperator<String> reply;
    private final boolean closeAfterReply;
    private final BlockingQueue<String> queries = new LinkedBlockingQueue<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private FakeIdentd(InetAddress address, UnaryOperator<String> reply, boolean closeAfterReply) throws IOException {
        this.server = new ServerSocket(0, 50, address);
        this.reply = reply;
        this.closeAfterReply = closeAfterReply;
        this.acceptor = Thread.ofVirtual().name("fake-identd").start(this::serve);
    }

    /** Answers with {@code reply(query)}, the query without its CR LF, then closes. */
    static FakeIdentd replying(InetAddress address, UnaryOperator<String> reply) throws IOException {
        return new FakeIdentd(address, reply, true);
    }

    /** Answers with {@code reply(query)} and keeps the connection open. */
    static FakeIdentd replyingAndHolding(InetAddress address, UnaryOperator<String> reply) throws IOException {
        return new FakeIdentd(address, reply, false);
    }

    /** Reads the query and never answers. */
    static FakeIdentd silent(InetAddress address) throws IOException {
        return new FakeIdentd(address, null, false);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next query received, exactly as sent (CR LF included). */
    String takeQuery() throws InterruptedException {
        String q = queries.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (q == null) {
            throw new AssertionError("no ident query arrived within " + WAIT);
        }
        return q;
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread.ofVirtual().start(() -> answer(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket s) {
        try {
            String query = readQuery(s.getInputStream());
            queries.add(query);
            if (reply != null) {
                String stripped = query.endsWith("\r\n") ? query.substring(0, query.length() - 2) : query;
                s.getOutputStream().write(reply.apply(stripped).getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                if (closeAfterReply) {
                    s.close();
                }
            }
        } catch (IOException e) {
            // The client gave up; nothing to record.
        }
    }

    private static String readQuery(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        try {
            acceptor.join(WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
