package io.jenkins.plugins.gitops.engine.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub commit status on the synced revision (Argo CD's github service, {@code github.status} in the template:
 * {@code state}, {@code label}, {@code targetURL}). The repository is the application's {@code repoURL}; the commit
 * is the last operation's revision, else the compared one; the description is the message's first line (at most
 * 140 characters, GitHub's limit). {@code token} authenticates (a personal access or
 * installation token: GitHub App private keys are not supported); {@code apiURL} (alias
 * {@code enterpriseBaseURL}) points at GitHub Enterprise or a test server.
 */
final class GitHubSender implements Sender {

    private static final Pattern REPO = Pattern.compile("[/:]([^/:]+)/([^/]+?)(?:\\.git)?/?$");

    @Override
    public void send(Notification n) throws Exception {
        ServiceConfig s = n.service();
        Map<String, Object> status = n.section("github", "status");
        if (status.isEmpty()) {
            throw new Permanent("template " + n.template() + " has no github.status section");
        }
        String repoUrl = n.appField("spec", "source", "repoURL");
        Matcher m = REPO.matcher(repoUrl == null ? "" : repoUrl);
        if (!m.find()) {
            throw new Permanent("cannot tell the GitHub repository from repoURL '" + repoUrl + "'");
        }
        String sha = revision(n);
        if (sha == null || sha.isEmpty()) {
            throw new Permanent("application " + n.app() + " has no revision to set a status on");
        }
        ObjectNode body = Yaml.JSON.createObjectNode();
        body.put("state", WebhookSender.str(status.get("state"), "pending"));
        String description = n.message().strip().lines().findFirst().orElse("");
        body.put("description", description.length() > 140 ? description.substring(0, 137) + "..." : description);
        body.put("context", WebhookSender.str(status.get("label"), "gitops/" + n.app()));
        String target = WebhookSender.str(status.get("targetURL"), "");
        if (!target.isEmpty()) {
            body.put("target_url", target);
        }
        String api = s.string("apiURL", s.string("enterpriseBaseURL", "https://api.github.com")).replaceAll("/+$", "");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/vnd.github+json");
        headers.put("Authorization", "Bearer " + s.string("token"));
        headers.put("Content-Type", "application/json");
        Http.send("POST", api + "/repos/" + m.group(1) + "/" + m.group(2) + "/statuses/" + sha, headers,
                Yaml.JSON.writeValueAsString(body));
    }

    private static String revision(Notification n) {
        String r = n.appField("status", "operationState", "syncResult", "revision");
        return r == null || r.isEmpty() ? n.appField("status", "sync", "revision") : r;
    }
}
