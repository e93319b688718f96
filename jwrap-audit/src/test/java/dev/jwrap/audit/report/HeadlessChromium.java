package dev.jwrap.audit.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Headless Chromium driven over the DevTools protocol (a WebSocket on 127.0.0.1), for what its
 * command-line modes cannot do: load a page with JavaScript switched off
 * ({@code Emulation.setScriptExecutionDisabled}) and read the DOM it built
 * ({@code DOM.getOuterHTML}, which needs no script). Every wait has a deadline. One browser per
 * instance; close it.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long TIMEOUT_SECONDS = 60;

    private final Process browser;
    private final WebSocket socket;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();

    HeadlessChromium(Path chromium, Path profile) throws Exception {
        browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--user-data-dir=" + profile,
                        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(endpoint()), new Collector())
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Chromium prints {@code DevTools listening on ws://...} on standard error once it is ready. */
    private String endpoint() throws IOException {
        CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                String ws = null;
                while ((line = err.readLine()) != null) {
                    if (ws == null && line.startsWith("DevTools listening on ")) {
                        ws = line.substring("DevTools listening on ".length()).strip();
                        String result = ws;
                        Thread.ofVirtual().start(() -> drain(err)); // keep the pipe from filling up
                        return result;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String ws = found.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (ws == null) {
                throw new IOException("chromium exited without a DevTools endpoint");
            }
            return ws;
        } catch (Exception e) {
            browser.destroyForcibly();
            throw new IOException("no DevTools endpoint from chromium within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    private static void drain(BufferedReader err) {
        try {
            while (err.readLine() != null) {
                // Chromium's log lines are not the test's business
            }
        } catch (IOException ignored) {
            // browser gone
        }
    }

    /**
     * A loaded page.
     *
     * @param html the document's outer HTML as the browser built it
     * @param requests the URL of every request the page made, its own first
     */
    record Page(String html, java.util.List<String> requests) {}

    /** Opens {@code url} in a new tab, with or without JavaScript, and waits for its load event. */
    Page load(URI url, boolean javaScript) throws Exception {
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asString();
        String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).get("sessionId").asString();
        call(session, "Emulation.setScriptExecutionDisabled", Map.of("value", !javaScript));
        call(session, "Page.enable", Map.of());
        call(session, "Network.enable", Map.of());
        java.util.List<String> requests = new java.util.ArrayList<>();
        call(session, "Page.navigate", Map.of("url", url.toString()));
        await(m -> {
            if (session.equals(m.path("sessionId").asString()) && "Network.requestWillBeSent".equals(m.path("method").asString())) {
                requests.add(m.at("/params/request/url").asString());
            }
            return session.equals(m.path("sessionId").asString()) && "Page.loadEventFired".equals(m.path("method").asString());
        });
        int root = call(session, "DOM.getDocument", Map.of("depth", -1)).at("/root/nodeId").asInt();
        return new Page(call(session, "DOM.getOuterHTML", Map.of("nodeId", root)).get("outerHTML").asString(), requests);
    }

    /** Sends a command and returns its result; a protocol error fails the test. */
    private JsonNode call(String session, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        if (session != null) {
            message.put("sessionId", session);
        }
        socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        JsonNode reply = await(m -> m.path("id").asInt(-1) == id);
        if (reply.has("error")) {
            throw new AssertionError(method + ": " + reply.get("error"));
        }
        return reply.get("result");
    }

    private JsonNode await(java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode m = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no answer from chromium within " + TIMEOUT_SECONDS + " s");
            }
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        browser.destroy();
        if (!browser.waitFor(20, TimeUnit.SECONDS)) {
            browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Joins a message's frames and queues it parsed. */
    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
