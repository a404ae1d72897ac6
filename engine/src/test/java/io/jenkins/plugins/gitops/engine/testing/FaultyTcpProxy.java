package io.jenkins.plugins.gitops.engine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on loopback in front of a real server (the test Git server), which a fault test can make misbehave the
 * way a dying server or network does: pass everything, cut every answer after a number of bytes (a server dying in
 * the middle of sending a pack), or refuse connections. Only the transport is faulty; what passes is the real
 * server's real answer.
 */
public final class FaultyTcpProxy implements AutoCloseable {

    /** What the proxy does with the next connections. */
    public enum Mode { PASS, CUT_ANSWERS, REFUSE }

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.PASS);
    private final AtomicLong cutAfter = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger cutConnections = new AtomicInteger();
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private FaultyTcpProxy(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** A proxy on a free loopback port forwarding to {@code 127.0.0.1:targetPort}. */
    public static FaultyTcpProxy to(int targetPort) {
        try {
            FaultyTcpProxy proxy = new FaultyTcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    targetPort);
            Thread accept = new Thread(proxy::acceptLoop, "faulty-proxy-" + targetPort);
            accept.setDaemon(true);
            accept.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Passes everything again. */
    public void pass() {
        mode.set(Mode.PASS);
    }

    /**
     * Cuts each answer after {@code bytes} bytes: the client sees the connection close mid-transfer. Connections
     * already open (a client's keep-alive pool) are closed, so every later request goes through the fault.
     */
    public void cutAnswersAfter(long bytes) {
        cutAfter.set(bytes);
        mode.set(Mode.CUT_ANSWERS);
        closeOpenConnections();
    }

    /** Accepts and closes connections at once (a server that is down behind a load balancer). */
    public void refuse() {
        mode.set(Mode.REFUSE);
        closeOpenConnections();
    }

    private void closeOpenConnections() {
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /** How many answers were cut so far. */
    public int cutConnections() {
        return cutConnections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (mode.get() == Mode.REFUSE) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(server);
                long limit = mode.get() == Mode.CUT_ANSWERS ? cutAfter.get() : Long.MAX_VALUE;
                pump(client, server, Long.MAX_VALUE, "request");
                pump(server, client, limit, "answer");
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, long limit, String what) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            long sent = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    int allowed = (int) Math.min(n, limit - sent);
                    out.write(buffer, 0, allowed);
                    out.flush();
                    sent += allowed;
                    if (sent >= limit) {
                        cutConnections.incrementAndGet();
                        break;
                    }
                }
            } catch (IOException ignored) {
                // the other side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "faulty-proxy-" + what);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
