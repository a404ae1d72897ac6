/**
 * Git push webhooks at {@code /gitops-webhook/} (GitHub, GitLab, Bitbucket Server and Cloud). The endpoint is
 * unauthenticated by design, like every Git webhook receiver in Jenkins: trust comes from the shared secret
 * (HMAC signature or token, checked by the engine's {@code WebhookReceiver} when a secret is configured for that
 * provider), and the only thing a delivery can cause is a refresh of the applications that track the pushed
 * repository and branch; auto-sync then follows only from what is actually in Git. A CSRF crumb exclusion lets
 * providers POST without a crumb.
 */
package io.jenkins.plugins.gitops.webhook;
