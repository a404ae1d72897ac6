/**
 * Git push webhooks: the reason a refresh need not wait for the next poll.
 *
 * <p>A {@link io.jenkins.plugins.gitops.engine.webhook.WebhookReceiver} takes a raw delivery (headers and bytes),
 * recognises the provider from its headers ({@link io.jenkins.plugins.gitops.engine.webhook.GitProvider}: GitHub,
 * GitLab, Bitbucket Cloud, Bitbucket Server), checks the shared secret when one is configured (HMAC-SHA256 of the
 * body for GitHub and Bitbucket, the token header for GitLab; unsigned or wrongly signed deliveries are refused),
 * enforces a payload size limit and reduces the payload to a {@link io.jenkins.plugins.gitops.engine.webhook.PushEvent}.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.webhook.RefreshMatcher} then picks the applications the push concerns:
 * same repository (URLs compared after {@link io.jenkins.plugins.gitops.engine.webhook.RepoUrl normalisation}, so
 * HTTPS, SSH and {@code .git} variants match), a targetRevision that follows the pushed ref, and a changed file under
 * the application's path or its {@code argocd.argoproj.io/manifest-generate-paths}. The receiver decides nothing
 * else: the reconciler performs the refresh.
 */
package io.jenkins.plugins.gitops.engine.webhook;
