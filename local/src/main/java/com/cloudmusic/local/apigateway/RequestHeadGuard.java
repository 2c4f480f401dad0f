package com.cloudmusic.local.apigateway;

import com.cloudmusic.http.HttpResponses;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The runner's listening socket, in front of the JDK's {@code HttpServer}. That server drops the
 * connection without a word when a request line or header section is huge; API Gateway answers. This
 * front reads each request's head within API Gateway's limits, answers 414 (request line) or 431 (too
 * many or too large headers) itself in the API's error shape, and hands every other request, unchanged
 * but for {@code Connection: close} (so every request on a connection passes here), to the server on a
 * loopback port. It remembers which client each of its server connections stands for, so the event's
 * {@code sourceIp} stays the real peer's address ({@link #peerOf}), never a header.
 */
public final class RequestHeadGuard implements AutoCloseable {

    /** Longest request line (method, target, version) taken; 414 beyond. */
    public static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;
    /** API Gateway's limit on the request line and headers together; 431 beyond. */
    public static final int MAX_HEAD_BYTES = 10 * 1024;
    /** Most header fields taken; 431 beyond. */
    public static final int MAX_HEADERS = 100;
    /** A client has this long to send a request's head (a slow one holds a thread, nothing more). */
    private static final int HEAD_TIMEOUT_MILLIS = 30_000;
    /** After a refusal, what is still coming is read and dropped (up to this much), so the answer is not lost to a reset. */
    private static final int DRAIN_BYTES = 16 * 1024 * 1024;
    private static final int DRAIN_TIMEOUT_MILLIS = 5_000;

    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final ExecutorService threads;
    private final Map<Integer, InetAddress> clientsByServerPort = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private RequestHeadGuard(ServerSocket listener, InetSocketAddress server, ThreadFactory threads) {
        this.listener = listener;
        this.server = server;
        this.threads = Executors.newCachedThreadPool(threads);
    }

    /**
     * Binds {@code address} now (so the port is known) and accepts once {@link #start()} is called.
     *
     * @param server the {@code HttpServer}'s loopback address
     */
    public static RequestHeadGuard bind(InetSocketAddress address, InetSocketAddress server, ThreadFactory threads)
            throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(Objects.requireNonNull(address, "address == null"), 64);
        return new RequestHeadGuard(listener, Objects.requireNonNull(server, "server == null"), threads);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public RequestHeadGuard start() {
        threads.execute(this::acceptLoop);
        return this;
    }

    /**
     * The client a server-side connection stands for: the real peer when the connection is one of this
     * guard's, else the connection's own address.
     */
    public InetAddress peerOf(InetSocketAddress remote) {
        if (remote.getAddress().isLoopbackAddress()) {
            InetAddress client = clientsByServerPort.get(remote.getPort());
            if (client != null) {
                return client;
            }
        }
        return remote.getAddress();
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(HEAD_TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(client.getInputStream());
            byte[] head;
            try {
                head = readHead(in);
            } catch (Refused refused) {
                refuse(client, in, refused);
                return;
            }
            if (head == null) {
                return; // closed before a request
            }
            forward(client, in, head);
        } catch (IOException e) {
            // The client or the server went away: nothing to answer.
        }
    }

    private void forward(Socket client, InputStream fromClient, byte[] head) throws IOException {
        try (Socket upstream = new Socket()) {
            upstream.connect(server);
            int key = upstream.getLocalPort();
            clientsByServerPort.put(key, client.getInetAddress());
            try {
                OutputStream toServer = upstream.getOutputStream();
                toServer.write(head);
                toServer.flush();
                client.setSoTimeout(0);
                threads.execute(() -> {
                    try {
                        fromClient.transferTo(toServer);
                        upstream.shutdownOutput();
                    } catch (IOException ignored) {
                        // the exchange ended first
                    }
                });
                InputStream fromServer = new BufferedInputStream(upstream.getInputStream());
                OutputStream toClient = client.getOutputStream();
                forwardResponseHead(fromServer, toClient);
                fromServer.transferTo(toClient);
            } finally {
                clientsByServerPort.remove(key);
            }
        }
    }

    /**
     * Reads one request head and returns it as it will be forwarded ({@code Connection: close} instead of
     * the client's own connection headers), or null at a clean end of stream.
     */
    static byte[] readHead(InputStream in) throws IOException {
        String requestLine;
        do {
            requestLine = readLine(in, MAX_REQUEST_LINE_BYTES, new Refused(414, "uri_too_long",
                    "The request line is longer than " + MAX_REQUEST_LINE_BYTES + " bytes."));
            if (requestLine == null) {
                return null;
            }
        } while (requestLine.isEmpty()); // RFC 9112: empty lines before a request are ignored
        int headBytes = requestLine.length() + 2;
        List<String> fields = new ArrayList<>();
        while (true) {
            Refused tooLarge = new Refused(431, "request_header_fields_too_large",
                    "The request's headers are larger than " + MAX_HEAD_BYTES + " bytes with the request line.");
            String line = readLine(in, MAX_HEAD_BYTES - headBytes, tooLarge);
            if (line == null) {
                throw new IOException("end of stream inside a request head");
            }
            if (line.isEmpty()) {
                break;
            }
            headBytes += line.length() + 2;
            if (fields.size() >= MAX_HEADERS) {
                throw new Refused(431, "request_header_fields_too_large",
                        "The request has more than " + MAX_HEADERS + " header fields.");
            }
            fields.add(line);
        }
        StringBuilder forwarded = new StringBuilder(headBytes + 32).append(requestLine).append("\r\n");
        for (String field : fields) {
            String name = field.substring(0, Math.max(0, field.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
            if (!name.equals("connection") && !name.equals("keep-alive") && !name.equals("proxy-connection")) {
                forwarded.append(field).append("\r\n");
            }
        }
        forwarded.append("Connection: close\r\n\r\n");
        return forwarded.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Copies the server's answer head (after any interim 1xx ones), saying {@code Connection: close}: the
     * server closes after each answer, and a client that kept the connection would send its next request
     * into a closed socket.
     */
    private static void forwardResponseHead(InputStream fromServer, OutputStream toClient) throws IOException {
        Refused unreadable = new Refused(502, "bad_gateway", "The runner's server sent an unreadable answer.");
        while (true) {
            String statusLine = readLine(fromServer, MAX_REQUEST_LINE_BYTES, unreadable);
            if (statusLine == null) {
                return;
            }
            StringBuilder head = new StringBuilder(statusLine).append("\r\n");
            boolean interim = statusLine.matches("HTTP/1\\.[01] 1\\d\\d.*");
            for (String line; (line = readLine(fromServer, MAX_HEAD_BYTES * 8, unreadable)) != null && !line.isEmpty(); ) {
                String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
                if (interim || !(name.equals("connection") || name.equals("keep-alive"))) {
                    head.append(line).append("\r\n");
                }
            }
            if (!interim) {
                head.append("Connection: close\r\n");
            }
            toClient.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            toClient.flush();
            if (!interim) {
                return;
            }
        }
    }

    /** One line without its CRLF (or bare LF), as ISO-8859-1; null at end of stream before any byte. */
    private static String readLine(InputStream in, int maxBytes, Refused whenLonger) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= maxBytes) {
                throw whenLonger;
            }
            line.write(b);
        }
    }

    private static void refuse(Socket client, InputStream in, Refused refused) throws IOException {
        ApiGatewayEvents.HttpAnswer answer = ApiGatewayEvents.toAnswer(HttpResponses.json(refused.status,
                Map.of("error", Map.of("code", refused.code, "message", refused.getMessage()))));
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(refused.status)
                .append(refused.status == 414 ? " URI Too Long" : " Request Header Fields Too Large").append("\r\n");
        answer.headers().forEach((name, values) -> values.forEach(value -> head.append(name).append(": ")
                .append(value).append("\r\n")));
        head.append("content-length: ").append(answer.body().length).append("\r\nconnection: close\r\n\r\n");
        OutputStream out = client.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(answer.body());
        out.flush();
        client.shutdownOutput();
        // Closing with unread bytes would reset the connection and could destroy the answer: drop the rest.
        try {
            client.setSoTimeout(DRAIN_TIMEOUT_MILLIS);
            long dropped = 0;
            byte[] buffer = new byte[64 * 1024];
            for (int n; dropped < DRAIN_BYTES && (n = in.read(buffer)) >= 0; ) {
                dropped += n;
            }
        } catch (SocketException | java.net.SocketTimeoutException done) {
            // the client stopped sending, or took too long: close now
        }
    }

    /** A request head beyond a limit: what to answer. */
    static final class Refused extends IOException {
        final int status;
        final String code;

        Refused(int status, String code, String message) {
            super(message, null);
            this.status = status;
            this.code = code;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a refusal, not a fault
        }
    }
}
