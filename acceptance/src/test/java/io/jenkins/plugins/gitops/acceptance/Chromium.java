package io.jenkins.plugins.gitops.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol (one browser for all pages): each {@link #load} sends
 * the user's {@code Authorization} header with every request, navigates, waits for the load event plus a short
 * settle time, and returns the main document's HTTP status, the DOM after scripts ran, and every JavaScript error:
 * uncaught exceptions ({@code Runtime.exceptionThrown}), {@code console.error} calls ({@code Runtime.consoleAPICalled})
 * and browser log entries of level error ({@code Log.entryAdded}: failed script or stylesheet loads, CSP
 * violations). It also saves a screenshot.
 */
final class Chromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Page(String url, int status, String dom, String text, List<String> jsErrors, Path screenshot) {
    }

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The chromium binary, if installed. */
    static String binary() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return null;
    }

    static Chromium start(Path workDir) throws Exception {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        ProcessBuilder b = new ProcessBuilder(binary(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-dev-shm-usage", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--window-size=1280,1400", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("chromium.log").toFile());
        b.environment().put("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
        Process p = b.start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!p.isAlive() || System.nanoTime() > end) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not open its DevTools port: "
                        + Processes.tail(Files.readString(workDir.resolve("chromium.log")), 20));
            }
            Thread.sleep(200);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        String pageSocket = null;
        for (int i = 0; i < 50 && pageSocket == null; i++) {
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode t : JSON.readTree(list)) {
                if ("page".equals(t.path("type").asText())) {
                    pageSocket = t.path("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (pageSocket == null) {
                Thread.sleep(200);
            }
        }
        if (pageSocket == null) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium has no page target");
        }
        Chromium[] self = new Chromium[1];
        StringBuilder partial = new StringBuilder();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String message = partial.toString();
                    partial.setLength(0);
                    while (self[0] == null) {
                        Thread.onSpinWait();
                    }
                    self[0].receive(message);
                }
                webSocket.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        Chromium c = new Chromium(p, profile, ws);
        self[0] = c;
        c.call("Page.enable", JSON.createObjectNode());
        c.call("Runtime.enable", JSON.createObjectNode());
        c.call("Log.enable", JSON.createObjectNode());
        c.call("Network.enable", JSON.createObjectNode());
        return c;
    }

    private void receive(String message) {
        try {
            JsonNode n = JSON.readTree(message);
            if (n.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
                if (f != null) {
                    f.complete(n);
                }
            } else {
                events.add(n);
            }
        } catch (IOException e) {
            // not JSON: ignore
        }
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        JsonNode r = f.get(90, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.path("result");
    }

    /** Loads {@code url} with {@code authorization} (or none) and saves a screenshot as {@code screenshot}. */
    Page load(String url, String authorization, Path screenshot) throws Exception {
        ObjectNode headers = JSON.createObjectNode();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        ObjectNode hp = JSON.createObjectNode();
        hp.set("headers", headers);
        call("Network.setExtraHTTPHeaders", hp);
        events.clear();
        call("Page.navigate", JSON.createObjectNode().put("url", url));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (events.stream().noneMatch(e -> "Page.loadEventFired".equals(e.path("method").asText()))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("page did not finish loading within 90 s: " + url);
            }
            Thread.sleep(100);
        }
        return collect(url, screenshot);
    }

    /** After a navigation's load event: the DOM, text, screenshot, status and JavaScript errors since it began. */
    private Page collect(String url, Path screenshot) throws Exception {
        Thread.sleep(1500); // deferred scripts and behaviours
        String dom = call("Runtime.evaluate", JSON.createObjectNode()
                .put("expression", "document.documentElement.outerHTML").put("returnByValue", true))
                .path("result").path("value").asText();
        String text = call("Runtime.evaluate", JSON.createObjectNode()
                .put("expression", "document.body ? document.body.innerText : ''").put("returnByValue", true))
                .path("result").path("value").asText();
        Files.createDirectories(screenshot.getParent());
        String png = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")).path("data").asText();
        Files.write(screenshot, Base64.getDecoder().decode(png));
        int status = 0;
        List<String> errors = new ArrayList<>();
        for (JsonNode e : events) {
            String method = e.path("method").asText();
            JsonNode p = e.path("params");
            switch (method) {
                case "Network.responseReceived" -> {
                    if ("Document".equals(p.path("type").asText()) && status == 0) {
                        status = p.path("response").path("status").asInt();
                    }
                }
                case "Runtime.exceptionThrown" -> {
                    JsonNode d = p.path("exceptionDetails");
                    errors.add("uncaught: " + d.path("exception").path("description").asText(d.path("text").asText())
                            + " at " + d.path("url").asText() + ":" + d.path("lineNumber").asInt());
                }
                case "Runtime.consoleAPICalled" -> {
                    if ("error".equals(p.path("type").asText()) || "assert".equals(p.path("type").asText())) {
                        StringBuilder line = new StringBuilder("console.error:");
                        p.path("args").forEach(a -> line.append(' ').append(a.path("value").asText(
                                a.path("description").asText())));
                        errors.add(line.toString());
                    }
                }
                case "Log.entryAdded" -> {
                    JsonNode entry = p.path("entry");
                    if ("error".equals(entry.path("level").asText())) {
                        errors.add("log: " + entry.path("text").asText() + " " + entry.path("url").asText());
                    }
                }
                default -> { }
            }
        }
        return new Page(url, status, dom, text, errors, screenshot);
    }

    /** Evaluates a JavaScript expression in the page and returns its value as JSON (null when undefined). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("JavaScript failed: " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits until {@code expression} is true in the page (at most {@code seconds}). */
    void awaitTrue(String expression, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!evaluate("!!(" + expression + ")").asBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not true within " + seconds + " s: " + expression);
            }
            Thread.sleep(200);
        }
    }

    /** Saves a screenshot of the page as it is now. */
    void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        String png = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")).path("data").asText();
        Files.write(file, Base64.getDecoder().decode(png));
    }

    /**
     * Clicks the centre of the first element matching {@code selector} with the mouse, as a person would (scrolled
     * into view first), and, when that navigates, waits for the new page and returns it like {@link #load}.
     */
    Page click(String selector, Path screenshot) throws Exception {
        press(selector);
        return awaitNavigation(screenshot);
    }

    /** Clicks the centre of the first element matching {@code selector} with the mouse, without awaiting a page. */
    void press(String selector) throws Exception {
        JsonNode box = evaluate("(function(){var e=document.querySelector(" + JSON.writeValueAsString(selector)
                + ");if(!e)return null;e.scrollIntoView({block:'center'});var r=e.getBoundingClientRect();"
                + "return {x:r.left+r.width/2,y:r.top+r.height/2};})()");
        if (box == null || box.isNull() || box.isMissingNode()) {
            throw new AssertionError("nothing matches " + selector);
        }
        events.clear();
        for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
            ObjectNode p = JSON.createObjectNode().put("type", type).put("x", box.path("x").asDouble())
                    .put("y", box.path("y").asDouble()).put("button", "left").put("clickCount", 1);
            call("Input.dispatchMouseEvent", p);
        }
    }

    /** Focuses the element matching {@code selector} and presses Enter on the keyboard; waits for the new page. */
    Page pressEnterOn(String selector, Path screenshot) throws Exception {
        if (!evaluate("(function(){var e=document.querySelector(" + JSON.writeValueAsString(selector)
                + ");if(!e)return false;e.focus();return document.activeElement===e;})()").asBoolean()) {
            throw new AssertionError("cannot focus " + selector + " (not keyboard-focusable?)");
        }
        events.clear();
        for (String type : List.of("keyDown", "keyUp")) {
            ObjectNode p = JSON.createObjectNode().put("type", type).put("key", "Enter").put("code", "Enter")
                    .put("windowsVirtualKeyCode", 13).put("nativeVirtualKeyCode", 13);
            if ("keyDown".equals(type)) {
                p.put("text", "\r");
            }
            call("Input.dispatchKeyEvent", p);
        }
        return awaitNavigation(screenshot);
    }

    private Page awaitNavigation(Path screenshot) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (events.stream().noneMatch(e -> "Page.loadEventFired".equals(e.path("method").asText()))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no page loaded within 60 s after the click");
            }
            Thread.sleep(100);
        }
        return collect(evaluate("location.href").asText(), screenshot);
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } catch (RuntimeException ignored) {
            // closing anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            RealJenkins.deleteRecursively(profile);
        } catch (RuntimeException e) {
            // chromium's helpers may still be writing to the profile: leave it in target/
        }
    }

    static void requireInstalled() {
        if (binary() == null) {
            throw new IllegalStateException("chromium is not installed (apt-get install chromium)");
        }
    }

    static Path screenshots(Path target) {
        try {
            return Files.createDirectories(target.resolve("screenshots"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
