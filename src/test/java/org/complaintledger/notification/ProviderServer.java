package org.complaintledger.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server standing in for the WhatsApp Cloud API, the SMS gateway and webhook receivers: it records every
 * request and answers 200, or, for a request whose body contains a scripted marker (a phone number), the scripted
 * answers in turn: a status, or silence longer than the sender's timeout.
 */
public final class ProviderServer {

    public record Received(String method, String path, Map<String, List<String>> headers, String body, int answered) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    /** A scripted answer: an HTTP status, or {@link #TIMEOUT}. */
    public static final int TIMEOUT = -1;

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(8);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Media> media = new ConcurrentHashMap<>();

    /** A file in a WhatsApp chat, as the Cloud API's media endpoints serve it. */
    private record Media(String mediaType, byte[] bytes) {}

    ProviderServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The next requests whose body contains {@code marker} get these answers, in order; then 200 again. */
    public void script(String marker, int... answers) {
        Deque<Integer> queue = new ArrayDeque<>();
        for (int answer : answers) {
            queue.add(answer);
        }
        scripts.put(marker, queue);
    }

    /**
     * Serves a chat file the way the Cloud API does: {@code GET /whatsapp/v21.0/{id}} answers its metadata with a
     * download {@code url}, and that url answers the bytes; both only with the access token as bearer, else 401.
     */
    public void media(String id, String mediaType, byte[] bytes) {
        media.put(id, new Media(mediaType, bytes));
    }

    public List<Received> receivedContaining(String text) {
        return received.stream().filter(r -> r.body().contains(text)).toList();
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("GET") && serveMedia(exchange)) {
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int answer = 200;
        for (var script : scripts.entrySet()) {
            if (body.contains(script.getKey())) {
                synchronized (script.getValue()) {
                    Integer next = script.getValue().poll();
                    answer = next == null ? 200 : next;
                }
            }
        }
        received.add(new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body,
                answer));
        if (answer == TIMEOUT) {
            try {
                Thread.sleep(2500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer = 200;
        }
        byte[] reply = "{\"messages\":[{\"id\":\"wamid.test\"}]}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(answer, reply.length);
            exchange.getResponseBody().write(reply);
        } catch (IOException closedByTheClient) {
            // the sender gave up waiting: exactly what a timeout is
        }
        exchange.close();
    }

    private boolean serveMedia(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String lookup = "/whatsapp/v21.0/";
        String download = "/whatsapp-media/";
        String id = path.startsWith(lookup)
                ? path.substring(lookup.length())
                : path.startsWith(download) ? path.substring(download.length()) : null;
        Media file = id == null ? null : media.get(id);
        if (file == null) {
            return false;
        }
        received.add(new Received("GET", path, Map.copyOf(exchange.getRequestHeaders()), "", 200));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] reply;
        int status = 200;
        if (!("Bearer " + NotificationServers.WHATSAPP_TOKEN).equals(authorization)) {
            status = 401;
            reply = "{\"error\":{\"message\":\"Invalid OAuth access token\",\"code\":190}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        } else if (path.startsWith(lookup)) {
            reply = ("{\"messaging_product\":\"whatsapp\",\"url\":\"" + url(download + id) + "\",\"mime_type\":\""
                            + file.mediaType() + "\",\"file_size\":" + file.bytes().length + ",\"id\":\"" + id + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        } else {
            reply = file.bytes();
            exchange.getResponseHeaders().add("Content-Type", file.mediaType());
        }
        exchange.sendResponseHeaders(status, reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
        return true;
    }

    void stop() {
        server.stop(0);
        // the server does not end an executor it was given: each restart of the application would leave eight
        // threads behind
        handlers.shutdownNow();
    }
}
