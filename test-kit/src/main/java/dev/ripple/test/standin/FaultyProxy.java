package dev.ripple.test.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server (DynamoDB Local, the SES emulator, a webhook) that makes the
 * failures a network makes: the request reaches the server and is carried out, but its answer is lost (the
 * connection closes), comes late, or is held on a connection gone silent. What the client then does — retry, time
 * out, give up — is what the test looks at. It relays bytes as they come and reads no protocol but for spotting a
 * marker in a request (an operation name such as {@code PutItem}).
 *
 * <p>Threads: one accepts connections; each connection has two relaying threads. The fault settings are atomics any
 * thread may change.
 */
public final class FaultyProxy implements AutoCloseable {
    private final URI upstream;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "faulty-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> loseAnswersTo = new AtomicReference<>();
    private final AtomicInteger answersToLose = new AtomicInteger();
    private final AtomicInteger answersLost = new AtomicInteger();
    private final AtomicReference<Duration> answerDelay = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<String> holdAnswersTo = new AtomicReference<>();
    private final AtomicInteger answersToHold = new AtomicInteger();
    private final AtomicReference<Duration> holdFor = new AtomicReference<>(Duration.ZERO);
    private final AtomicInteger answersHeld = new AtomicInteger();
    private final AtomicReference<CannedAnswer> cannedAnswer = new AtomicReference<>();

    /** An answer the proxy gives itself, instead of the server, to the next request carrying {@code marker}. */
    private record CannedAnswer(String marker, byte[] response) {
    }

    private FaultyProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    /** A proxy to the server at {@code upstream} ({@code http://127.0.0.1:port}). */
    public static FaultyProxy to(URI upstream) {
        try {
            return new FaultyProxy(upstream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where clients connect instead of the server. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /**
     * The next {@code times} requests whose bytes contain {@code marker} reach the server, which carries them out;
     * their answers never reach the client: the proxy closes the connection once the server has answered.
     */
    public void loseAnswersTo(String marker, int times) {
        loseAnswersTo.set(marker);
        answersToLose.set(times);
    }

    /**
     * The next request whose bytes contain {@code marker} never reaches the server; the client gets this answer
     * instead — for what a real service does that its local stand-in cannot (DynamoDB's {@code TransactionConflict}).
     * Each request must come in one read, as an SDK's small JSON requests do.
     */
    public void answerNext(String marker, int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " Canned\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + bytes.length + "\r\nx-amzn-RequestId: faulty-proxy\r\n\r\n";
        byte[] response = new byte[head.length() + bytes.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, response, 0, head.length());
        System.arraycopy(bytes, 0, response, head.length(), bytes.length);
        cannedAnswer.set(new CannedAnswer(marker, response));
    }

    /** Every answer is held this long before it is relayed: a server that acts at once but answers late. */
    public void delayAnswers(Duration delay) {
        answerDelay.set(delay);
    }

    /**
     * The next {@code times} requests whose bytes contain {@code marker} reach the server, which carries them out;
     * their answers are held for {@code duration} before they are relayed, on a connection that stays open and
     * silent meanwhile — a connection gone quiet, which only a client's own timeout ends.
     */
    public void holdAnswersTo(String marker, int times, Duration duration) {
        holdFor.set(duration);
        holdAnswersTo.set(marker);
        answersToHold.set(times);
    }

    /** Every fault off: answers from now on are relayed as the server gives them (one held already stays held). */
    public void heal() {
        answersToLose.set(0);
        answersToHold.set(0);
        answerDelay.set(Duration.ZERO);
        cannedAnswer.set(null);
    }

    /** How many answers were held so far ({@link #holdAnswersTo}). */
    public int answersHeld() {
        return answersHeld.get();
    }

    /** How many answers were lost so far. */
    public int answersLost() {
        return answersLost.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstream.getHost(), upstream.getPort());
                open.add(client);
                open.add(server);
                var loseNextAnswer = new AtomicBoolean();
                var holdNextAnswer = new AtomicBoolean();
                var answerDue = new AtomicBoolean();
                threads.submit(() -> requests(client, server, loseNextAnswer, holdNextAnswer, answerDue));
                threads.submit(() -> answers(server, client, loseNextAnswer, holdNextAnswer, answerDue));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Client to server, spotting the marked requests. */
    private void requests(Socket client, Socket server, AtomicBoolean loseNextAnswer, AtomicBoolean holdNextAnswer,
                          AtomicBoolean answerDue) {
        try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            long swallow = 0;
            while ((read = in.read(buffer)) >= 0) {
                if (swallow > 0) {
                    // the rest of a request answered by the proxy itself: it never reaches the server
                    long skipped = Math.min(swallow, read);
                    swallow -= skipped;
                    if (skipped == read) {
                        continue;
                    }
                    System.arraycopy(buffer, (int) skipped, buffer, 0, read - (int) skipped);
                    read -= (int) skipped;
                }
                String seen = new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
                CannedAnswer canned = cannedAnswer.get();
                if (canned != null && seen.contains(canned.marker()) && cannedAnswer.compareAndSet(canned, null)) {
                    swallow = unreadBody(seen);
                    OutputStream toClient = client.getOutputStream();
                    toClient.write(canned.response());
                    toClient.flush();
                    continue;
                }
                String marker = loseAnswersTo.get();
                if (marker != null && answersToLose.get() > 0
                        && seen.contains(marker)
                        && answersToLose.getAndDecrement() > 0) {
                    loseNextAnswer.set(true);
                }
                String held = holdAnswersTo.get();
                if (held != null && answersToHold.get() > 0 && seen.contains(held)
                        && answersToHold.getAndDecrement() > 0) {
                    holdNextAnswer.set(true);
                }
                answerDue.set(true);
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // either side went away
        } finally {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    /** Server to client: delayed, held, or dropped with the connection when the request was marked. */
    private void answers(Socket server, Socket client, AtomicBoolean loseNextAnswer, AtomicBoolean holdNextAnswer,
                         AtomicBoolean answerDue) {
        try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (loseNextAnswer.get()) {
                    answersLost.incrementAndGet();
                    return; // the server has answered and acted; the client hears nothing, and the connection closes
                }
                boolean firstBytesOfAnAnswer = answerDue.getAndSet(false);
                if (firstBytesOfAnAnswer && holdNextAnswer.getAndSet(false)) {
                    answersHeld.incrementAndGet();
                    Thread.sleep(holdFor.get());
                }
                Duration delay = answerDelay.get();
                if (firstBytesOfAnAnswer && !delay.isZero()) {
                    Thread.sleep(delay); // once per answer, before its first bytes
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // either side went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    /** How many bytes of the request's body, after its head in {@code seen}, are still to come. */
    private static long unreadBody(String seen) {
        int headEnd = seen.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IllegalStateException("a canned answer needs the request's head in one read");
        }
        var length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(seen.substring(0, headEnd));
        long body = length.find() ? Long.parseLong(length.group(1)) : 0;
        return Math.max(0, body - (seen.length() - headEnd - 4));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.forEach(FaultyProxy::closeQuietly);
        threads.shutdownNow();
    }
}
