package io.jenkins.plugins.gitops.engine.webhook;

import static io.jenkins.plugins.gitops.engine.webhook.GitProvider.PushPayload.nonEmpty;
import static io.jenkins.plugins.gitops.engine.webhook.GitProvider.PushPayload.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** GitLab {@code Push Hook} and {@code Tag Push Hook} events. */
final class GitLabPayload implements GitProvider.PushPayload {

    private static final Set<String> PUSH_EVENTS = Set.of("Push Hook", "Tag Push Hook", "System Hook");

    @Override
    public Optional<PushEvent> parse(GitProvider provider, WebhookRequest request, JsonNode body) {
        String kind = text(body, "/object_kind");
        if (!PUSH_EVENTS.contains(request.header("X-Gitlab-Event")) || !(kind.equals("push") || kind.equals("tag_push"))) {
            return Optional.empty();
        }
        Ref ref = Ref.parse(text(body, "/ref"));
        ChangedFiles files = ChangedFiles.fromCommits(body.path("commits"));
        String after = text(body, "/checkout_sha").isEmpty() ? text(body, "/after") : text(body, "/checkout_sha");
        return Optional.of(new PushEvent(provider,
                nonEmpty(text(body, "/project/web_url"), text(body, "/project/git_http_url"),
                        text(body, "/project/git_ssh_url"), text(body, "/repository/homepage")),
                List.of(ref.name()), ref.tag() || kind.equals("tag_push"), text(body, "/project/default_branch"),
                after, files.paths(), files.known()));
    }
}
