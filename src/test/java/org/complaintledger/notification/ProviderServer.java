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
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();

    ProviderServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
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

    public List<Received> receivedContaining(String text) {
        return received.stream().filter(r -> r.body().contains(text)).toList();
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
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

    void stop() {
        server.stop(0);
    }
}
