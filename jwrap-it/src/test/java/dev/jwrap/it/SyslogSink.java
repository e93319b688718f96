package dev.jwrap.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A syslog daemon of sorts, listening on the namespace's own {@code /dev/log}, so that a test sees
 * what the C tools log. glibc's {@code syslog(3)} first tries a datagram socket, gets
 * {@code EPROTOTYPE} from this stream socket and retries with a stream, terminating each message
 * with a NUL byte. Every process opens one connection.
 *
 * <p>{@link #collect} attributes messages to the run that just finished: it connects once itself
 * and sends a marker; connections are accepted in order, so every connection accepted before the
 * marker belongs to processes that have already exited. Runs must therefore not overlap. Safe for
 * one test thread at a time.
 */
final class SyslogSink implements AutoCloseable {

    private final Path path;
    private final ServerSocketChannel server;
    private final LinkedBlockingQueue<CompletableFuture<byte[]>> connections = new LinkedBlockingQueue<>();
    private final Thread acceptor;
    private long markers;

    private SyslogSink(Path path, ServerSocketChannel server) {
        this.path = path;
        this.server = server;
        this.acceptor = Thread.ofVirtual().name("syslog-sink").start(this::acceptLoop);
    }

    /** Listens on {@code path}, which must not exist yet; everyone may log (tcpdmatch may have dropped root). */
    static SyslogSink listen(Path path) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
        return new SyslogSink(path, server);
    }

    private void acceptLoop() {
        try {
            while (true) {
                SocketChannel channel = server.accept();
                CompletableFuture<byte[]> content = new CompletableFuture<>();
                connections.add(content);
                Thread.ofVirtual().start(() -> readAll(channel, content));
            }
        } catch (ClosedChannelException e) {
            // close() was called
        } catch (IOException e) {
            connections.add(CompletableFuture.failedFuture(e));
        }
    }

    private static void readAll(SocketChannel channel, CompletableFuture<byte[]> content) {
        try (channel) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            content.complete(out.toByteArray());
        } catch (IOException e) {
            content.completeExceptionally(e);
        }
    }

    /** The messages of every connection made since the last call (their processes must have exited). */
    List<SyslogRecord> collect(Duration timeout) throws IOException {
        byte[] marker = ("jwrap-it-marker-" + ++markers).getBytes(StandardCharsets.US_ASCII);
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(UnixDomainSocketAddress.of(path));
            client.write(ByteBuffer.wrap(marker));
        }
        List<SyslogRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            byte[] content = next(deadline);
            if (Arrays.equals(content, marker)) {
                return records;
            }
            if (!isMarker(content)) {
                records.addAll(split(content));
            }
        }
    }

    private byte[] next(long deadline) throws IOException {
        try {
            CompletableFuture<byte[]> f = connections.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (f == null) {
                throw new IOException("syslog sink: no marker within the timeout");
            }
            return f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while collecting syslog messages", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("syslog sink: a connection did not end (is a logging process still running?)", e);
        }
    }

    private static boolean isMarker(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1).matches("jwrap-it-marker-\\d+");
    }

    private static List<SyslogRecord> split(byte[] content) {
        List<SyslogRecord> records = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == 0) {
                if (i > start) {
                    records.add(SyslogRecord.parse(Arrays.copyOfRange(content, start, i)));
                }
                start = i + 1;
            }
        }
        return records;
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
        Files.deleteIfExists(path);
    }
}
