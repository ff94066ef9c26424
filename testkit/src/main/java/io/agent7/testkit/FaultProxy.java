package io.agent7.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback between a service and what it calls, which a fault test turns into
 * the failures a network produces: {@link Mode#REFUSE} closes the port (connections are
 * refused, open ones reset), {@link Mode#SILENT} accepts connections and reads requests but
 * never answers (a host that is up but hung, or a partition that drops packets), and
 * {@link Mode#PASS} forwards both ways again. Connections that went silent stay silent until
 * their client gives up on them, as after a real partition.
 */
public final class FaultProxy implements AutoCloseable {

    /** What the proxy does with connections. */
    public enum Mode {
        PASS,
        REFUSE,
        SILENT
    }

    // configuration
    private final int port;
    private final InetSocketAddress upstream;

    // state
    private volatile Mode mode = Mode.PASS;
    private volatile ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();

    private FaultProxy(int port, InetSocketAddress upstream) {
        this.port = port;
        this.upstream = upstream;
    }

    /** A proxy on a free loopback port that forwards to {@code upstream} (an {@code http://host:port} URL). */
    public static FaultProxy to(URI upstream) {
        FaultProxy proxy = new FaultProxy(
                ServiceProcess.freePort(), new InetSocketAddress(upstream.getHost(), upstream.getPort()));
        proxy.listen();
        return proxy;
    }

    /** The proxy's own address, with the upstream URL's scheme. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Mode mode() {
        return mode;
    }

    /** Switches to {@code next}: closing or reopening the port, silencing open connections. */
    public synchronized void set(Mode next) {
        Mode previous = mode;
        mode = next;
        if (next == Mode.REFUSE) {
            closeQuietly(server);
            links.forEach(Link::reset);
        } else if (previous == Mode.REFUSE) {
            listen();
        }
        if (next == Mode.SILENT) {
            links.forEach(link -> link.silent = true);
        }
    }

    private void listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            server = socket;
            Thread acceptor = new Thread(() -> accept(socket), "fault-proxy-accept-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException closedOrFailed) {
                return;
            }
            Link link = new Link(client);
            link.silent = mode == Mode.SILENT;
            links.add(link);
            Thread opener = new Thread(link::open, "fault-proxy-link");
            opener.setDaemon(true);
            opener.start();
        }
    }

    /** One client connection and, unless silent from the start, its upstream connection. */
    private final class Link {
        final Socket client;
        volatile Socket server;
        volatile boolean silent;

        Link(Socket client) {
            this.client = client;
        }

        void open() {
            try {
                if (!silent) {
                    Socket s = new Socket();
                    s.connect(upstream, 5_000);
                    server = s;
                    pump(s.getInputStream(), client.getOutputStream(), false);
                }
                pump(
                        client.getInputStream(),
                        server == null ? OutputStream.nullOutputStream() : server.getOutputStream(),
                        true);
            } catch (IOException e) {
                reset();
            }
        }

        /**
         * Copies {@code in} to {@code out} until either closes. The client closing ends the link;
         * upstream closing reaches a silent link's client as nothing at all.
         */
        private void pump(InputStream in, OutputStream out, boolean fromClient) {
            Thread thread = new Thread(
                    () -> {
                        byte[] buffer = new byte[64 * 1024];
                        try {
                            for (int n; (n = in.read(buffer)) >= 0; ) {
                                if (!silent) {
                                    out.write(buffer, 0, n);
                                    out.flush();
                                }
                            }
                        } catch (IOException closed) {
                            // either side went away: the other goes too
                        }
                        if (fromClient || !silent) {
                            reset();
                        }
                    },
                    fromClient ? "fault-proxy-up" : "fault-proxy-down");
            thread.setDaemon(true);
            thread.start();
        }

        void reset() {
            links.remove(this);
            try {
                client.setSoLinger(true, 0); // a reset, as a closed port gives an open connection
            } catch (IOException ignored) {
                // already closed
            }
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing what a fault test tore down
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(server);
        links.forEach(Link::reset);
    }
}
