package dev.ripple.test.standin;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server on a free port of 127.0.0.1, which every stand-in answers on: a real server, reached over a
 * real socket, so that the clients under test do what they do in production.
 */
final class LoopbackHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;

    private LoopbackHttpServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Starts serving {@code path} (and everything under it) with {@code handler} on {@code threads} threads. */
    static LoopbackHttpServer start(String path, HttpHandler handler, int threads) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            server.createContext(path, handler);
            server.setExecutor(pool);
            server.start();
            return new LoopbackHttpServer(server, pool);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
