package io.jenkins.plugins.gitops.engine.webhook;

import static io.jenkins.plugins.gitops.engine.webhook.GitProvider.PushPayload.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Bitbucket Server / Data Center {@code repo:refs_changed}; no file list, so every path counts as changed. */
final class BitbucketServerPayload implements GitProvider.PushPayload {

    @Override
    public Optional<PushEvent> parse(GitProvider provider, WebhookRequest request, JsonNode body) {
        if (!text(body, "/eventKey").equals("repo:refs_changed")) {
            return Optional.empty();
        }
        List<String> urls = new ArrayList<>();
        for (JsonNode clone : body.path("repository").path("links").path("clone")) {
            urls.add(text(clone, "/href"));
        }
        List<String> revisions = new ArrayList<>();
        boolean tag = false;
        String after = "";
        for (JsonNode change : body.path("changes")) {
            if (text(change, "/type").equals("DELETE")) {
                continue;
            }
            revisions.add(text(change, "/ref/displayId"));
            tag |= text(change, "/ref/type").equals("TAG");
            after = text(change, "/toHash");
        }
        return Optional.of(new PushEvent(provider, List.copyOf(urls), List.copyOf(revisions), tag, "", after,
                Set.of(), false));
    }
}
