package io.jenkins.plugins.gitops.engine.webhook;

import static io.jenkins.plugins.gitops.engine.webhook.GitProvider.PushPayload.nonEmpty;
import static io.jenkins.plugins.gitops.engine.webhook.GitProvider.PushPayload.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bitbucket Cloud {@code repo:push}. The payload lists pushed refs but not changed files, so every path counts as
 * changed (Argo CD asks the Bitbucket API for the diff; we refresh, which is the safe side).
 */
final class BitbucketCloudPayload implements GitProvider.PushPayload {

    @Override
    public Optional<PushEvent> parse(GitProvider provider, WebhookRequest request, JsonNode body) {
        if (!request.header("X-Event-Key").equals("repo:push")) {
            return Optional.empty();
        }
        List<String> revisions = new ArrayList<>();
        boolean tag = false;
        String after = "";
        for (JsonNode change : body.path("push").path("changes")) {
            JsonNode now = change.path("new");
            if (now.isMissingNode() || now.isNull()) {
                continue; // a deleted branch or tag: nothing to refresh to
            }
            revisions.add(text(now, "/name"));
            tag |= text(now, "/type").equals("tag");
            after = text(now, "/target/hash");
        }
        String fullName = text(body, "/repository/full_name");
        return Optional.of(new PushEvent(provider,
                nonEmpty(text(body, "/repository/links/html/href"),
                        fullName.isEmpty() ? "" : "https://bitbucket.org/" + fullName),
                List.copyOf(revisions), tag, text(body, "/repository/mainbranch/name"), after, Set.of(), false));
    }
}
