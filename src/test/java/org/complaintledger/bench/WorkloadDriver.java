package org.complaintledger.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files complaints and works them through to acceptance at a fixed rate (open loop): each flow is file, dispatch,
 * acknowledge, follow-up, accept. usage: WorkloadDriver BASE_URL CITIZEN_TOKEN OPERATOR_TOKEN OFFICER_TOKEN
 * FLOWS_PER_SECOND SECONDS. Prints commands/s, errors and command latency percentiles.
 */
public final class WorkloadDriver {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final String FILING = """
            {"title":"Lampu jalan padam","description":"Sudah tiga malam padam di Jalan Ahmad Yani.",
             "reportType":"COMPLAINT","category":"INFRASTRUCTURE","channel":"WEB","anonymous":false,"confidential":false,
             "complainant":{"name":"Siti Aminah","phone":"+62 812 3456 7890","email":"siti@example.id"}}""";

    private WorkloadDriver() {}

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String citizen = args[1];
        String operator = args[2];
        String officer = args[3];
        double rate = Double.parseDouble(args[4]);
        int seconds = Integer.parseInt(args[5]);
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(4))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        List<CompletableFuture<?>> flows = Collections.synchronizedList(new ArrayList<>());
        long period = (long) (1_000_000_000L / rate);
        long started = System.nanoTime();
        var ticker = clock.scheduleAtFixedRate(
                () -> flows.add(flow(http, base, citizen, operator, officer, latencies, ok, failed)),
                0,
                period,
                TimeUnit.NANOSECONDS);
        Thread.sleep(seconds * 1000L);
        ticker.cancel(false);
        CompletableFuture.allOf(flows.toArray(CompletableFuture[]::new))
                .orTimeout(60, TimeUnit.SECONDS)
                .exceptionally(e -> null)
                .join();
        double elapsed = (System.nanoTime() - started) / 1e9;
        clock.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                "commands=%d failed=%d commands_per_s=%.1f latency_p50_ms=%.1f p99_ms=%.1f p999_ms=%.1f%n",
                ok.get(), failed.get(), ok.get() / elapsed, pct(sorted, 0.50), pct(sorted, 0.99), pct(sorted, 0.999));
        System.exit(0);
    }

    private static CompletableFuture<?> flow(
            HttpClient http,
            String base,
            String citizen,
            String operator,
            String officer,
            List<Long> latencies,
            AtomicLong ok,
            AtomicLong failed) {
        return post(http, base + "/api/complaints", citizen, FILING, latencies, ok, failed)
                .thenCompose(body -> {
                    Matcher id = ID.matcher(body);
                    if (!id.find()) {
                        return CompletableFuture.completedFuture("");
                    }
                    String path = base + "/api/complaints/" + id.group(1);
                    return post(
                                    http,
                                    path + "/dispatch",
                                    operator,
                                    "{\"agencyId\":\"dinas-pupr\"}",
                                    latencies,
                                    ok,
                                    failed)
                            .thenCompose(x -> post(http, path + "/acknowledge", officer, "{}", latencies, ok, failed))
                            .thenCompose(x -> post(
                                    http,
                                    path + "/follow-ups",
                                    officer,
                                    "{\"message\":\"Sudah diperbaiki\"}",
                                    latencies,
                                    ok,
                                    failed))
                            .thenCompose(x ->
                                    post(http, path + "/accept", citizen, "{\"rating\":5}", latencies, ok, failed));
                });
    }

    private static CompletableFuture<String> post(
            HttpClient http,
            String url,
            String token,
            String body,
            List<Long> latencies,
            AtomicLong ok,
            AtomicLong failed) {
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            latencies.add(System.nanoTime() - start);
            if (error == null && response.statusCode() / 100 == 2) {
                ok.incrementAndGet();
                return response.body();
            }
            failed.incrementAndGet();
            return "";
        });
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.isEmpty()
                ? 0
                : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }
}
