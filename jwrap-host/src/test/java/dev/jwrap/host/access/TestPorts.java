package dev.jwrap.host.access;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers that tests start and bind themselves (jwrap or the real openbsd-inetd). A
 * port from the kernel's port 0 is an ephemeral one: between the test closing it and the server
 * binding it, any outgoing connection on the machine may take it as its source port, and the
 * server's bind then fails. These come from below Linux's ephemeral range (32768 and up), where
 * the kernel never hands out source ports, are checked free for TCP and UDP on 127.0.0.1 and ::1,
 * and are never handed out twice in one JVM. Public for the tests of other modules (test-jar).
 */
public final class TestPorts {

    private static final int FIRST = 20_000;
    private static final int END = 32_768;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private TestPorts() {}

    /** A port free a moment ago for TCP and UDP on 127.0.0.1 and ::1, never given before in this JVM. */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, END);
            if (!GIVEN.contains(port) && isFree(port) && GIVEN.add(port)) {
                return port;
            }
        }
        throw new IOException("no free port between " + FIRST + " and " + END);
    }

    private static boolean isFree(int port) {
        for (String host : new String[] {"127.0.0.1", "::1"}) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.ofLiteral(host), port);
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(address, 1);
            } catch (IOException taken) {
                return false;
            }
            try (DatagramSocket udp = new DatagramSocket(null)) {
                udp.bind(address);
            } catch (SocketException taken) {
                return false;
            }
        }
        return true;
    }
}
