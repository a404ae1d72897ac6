package io.jenkins.plugins.gitops.engine.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts a job through Jenkins' REST API: {@code POST <url>/job/a/job/b/buildWithParameters} with the parameters
 * form-encoded and an API token ({@code username}, {@code token} of the {@code jenkins} service).
 */
public final class JenkinsRemoteLauncher implements JobLauncher {

    private final String url;
    private final String username;
    private final String token;

    public JenkinsRemoteLauncher(String url, String username, String token) {
        this.url = url.replaceAll("/+$", "");
        this.username = username;
        this.token = token;
    }

    @Override
    public void launch(String job, Map<String, String> parameters) throws Exception {
        StringBuilder path = new StringBuilder();
        for (String part : job.split("/")) {
            if (!part.isEmpty()) {
                path.append("/job/").append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        String form = parameters.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (username != null && !username.isEmpty()) {
            String pair = username + ":" + (token == null ? "" : token);
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    pair.getBytes(StandardCharsets.UTF_8)));
        }
        Http.send("POST", url + path + "/buildWithParameters", headers, form);
    }
}
