package io.jenkins.plugins.gitops.engine.webhook;

import static io.jenkins.plugins.gitops.engine.webhook.GitProvider.PushPayload.nonEmpty;
import static io.jenkins.plugins.gitops.engine.webhook.GitProvider.PushPayload.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** GitHub {@code push} events (other events, such as {@code ping}, are acknowledged and ignored). */
final class GitHubPayload implements GitProvider.PushPayload {

    @Override
    public Optional<PushEvent> parse(GitProvider provider, WebhookRequest request, JsonNode body) {
        if (!request.header("X-GitHub-Event").equals("push")) {
            return Optional.empty();
        }
        Ref ref = Ref.parse(text(body, "/ref"));
        ChangedFiles files = ChangedFiles.fromCommits(body.path("commits"));
        return Optional.of(new PushEvent(provider,
                nonEmpty(text(body, "/repository/html_url"), text(body, "/repository/clone_url"),
                        text(body, "/repository/ssh_url"), text(body, "/repository/git_url")),
                List.of(ref.name()), ref.tag(), text(body, "/repository/default_branch"), text(body, "/after"),
                files.paths(), files.known()));
    }
}
