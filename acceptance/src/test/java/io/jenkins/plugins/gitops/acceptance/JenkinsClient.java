package io.jenkins.plugins.gitops.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Jenkins over its REST API as one user (or anonymous): its own cookie jar, so the crumb matches its session, and a
 * preemptive basic {@code Authorization} header with the user's password. Pipelines are created from a script
 * (sandboxed), built, waited for and read back as console text, the same way {@code run-pipeline.sh} does.
 */
final class JenkinsClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, String body) {
    }

    record Build(String job, int number, String result, String console) {
        boolean succeeded() {
            return "SUCCESS".equals(result);
        }
    }

    private final String url;
    private final String authorization;
    private final HttpClient http;

    JenkinsClient(String url, String user, String password) {
        this.url = url;
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(20)).build();
    }

    String url() {
        return url;
    }

    /** The value of an {@code Authorization} header for this user, or null for anonymous. */
    String authorization() {
        return authorization;
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    /** POST with this session's crumb. */
    Response post(String path, String contentType, String body) {
        return post(path, contentType, body, true, Map.of());
    }

    Response post(String path, String contentType, String body, boolean withCrumb, Map<String, String> headers) {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        if (withCrumb) {
            String[] crumb = crumb();
            b.header(crumb[0], crumb[1]);
        }
        return send(b.build());
    }

    /** Runs a Groovy script in the script console (needs Overall/Administer) and returns its output. */
    String groovy(String script) {
        Response r = post("/scriptText", "application/x-www-form-urlencoded",
                "script=" + URLEncoder.encode(script, StandardCharsets.UTF_8));
        if (r.status() != 200) {
            throw new IllegalStateException("script console answered " + r.status() + ": " + r.body());
        }
        return r.body();
    }

    /** Creates or replaces the Pipeline job, builds it and waits for the result. */
    Build runPipeline(String job, String script, Duration timeout) {
        int number = startPipeline(job, script);
        return awaitBuild(job, number, timeout);
    }

    /** Creates or replaces the Pipeline job and schedules a build; returns its number. */
    int startPipeline(String job, String script) {
        String xml = "<?xml version='1.1' encoding='UTF-8'?><flow-definition plugin=\"workflow-job\">"
                + "<definition class=\"org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition\" plugin=\"workflow-cps\">"
                + "<script>" + escapeXml(script) + "</script><sandbox>true</sandbox></definition></flow-definition>";
        Response exists = get("/job/" + job + "/api/json");
        Response saved = exists.status() == 200
                ? post("/job/" + job + "/config.xml", "application/xml", xml)
                : post("/createItem?name=" + job, "application/xml", xml);
        require(saved, "saving job " + job);
        int next = json(get("/job/" + job + "/api/json?tree=nextBuildNumber")).path("nextBuildNumber").asInt();
        require(post("/job/" + job + "/build", null, ""), "scheduling " + job);
        return next;
    }

    Build awaitBuild(String job, int number, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Response r = get("/job/" + job + "/" + number + "/api/json?tree=building,result");
            if (r.status() == 200 && json(r).path("building").isBoolean() && !json(r).path("building").asBoolean()) {
                String result = json(r).path("result").asText();
                return new Build(job, number, result, console(job, number));
            }
            if (System.nanoTime() > end) {
                throw new AssertionError(job + " #" + number + " did not finish within " + timeout + ":\n"
                        + console(job, number));
            }
            Processes.sleep(1000);
        }
    }

    String console(String job, int number) {
        return get("/job/" + job + "/" + number + "/consoleText").body();
    }

    static JsonNode json(Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON (" + r.status() + "): " + r.body(), e);
        }
    }

    private String[] crumb() {
        Response r = get("/crumbIssuer/api/json");
        if (r.status() != 200) {
            return new String[] {"X-No-Crumb", "none"};
        }
        JsonNode n = json(r);
        return new String[] {n.path("crumbRequestField").asText(), n.path("crumb").asText()};
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void require(Response r, String what) {
        if (r.status() >= 400) {
            throw new IllegalStateException(what + ": HTTP " + r.status() + "\n" + Processes.tail(r.body(), 30));
        }
    }

    static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
