package io.jenkins.plugins.gitops.webhook;

import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import io.jenkins.plugins.gitops.EngineRuntime;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.engine.webhook.GitProvider;
import io.jenkins.plugins.gitops.engine.webhook.WebhookReceiver;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.webhook.WebhookResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * Receives Git push webhooks and refreshes the applications that track the pushed repository. Answers with the
 * status and one-line message of the engine's {@link WebhookResponse} (401 for a bad signature or, once any secret is
 * configured, a provider without one unless unsigned deliveries are allowed; 400 for a payload that is not a push we
 * understand; 413 when too large, decided on Content-Length before reading; 200 otherwise), never echoing secrets
 * and never naming the applications refreshed (they go to the log).
 */
@Extension
public class GitOpsWebhook implements UnprotectedRootAction {

    static final String URL_NAME = "gitops-webhook";
    private static final Logger LOGGER = Logger.getLogger(GitOpsWebhook.class.getName());

    /** Deliveries per source address, checked before the body is read. */
    private static final io.jenkins.plugins.gitops.engine.webhook.DeliveryRateLimit RATE_LIMIT =
            io.jenkins.plugins.gitops.engine.webhook.DeliveryRateLimit.DEFAULT;

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /**
     * POST {@code /gitops-webhook/}. No Jenkins permission applies (providers cannot log in); the shared secret is
     * the authentication, verified by the engine before anything else is read.
     */
    @POST
    public void doIndex(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, req.getHeader(name));
        }
        String source = req.getRemoteAddr();
        if (!RATE_LIMIT.admit(source)) {
            WebhookResponse limited = WebhookResponse.tooManyRequests(source);
            LOGGER.log(Level.INFO, "GitOps webhook: {0} {1}", new Object[] {limited.status(), limited.message()});
            respond(rsp, limited.status(), limited.answer());
            return;
        }
        WebhookResponse response;
        try {
            Map<GitProvider, String> secrets = GitOpsService.get().webhookSecrets();
            boolean allowUnsigned = GitOpsConfiguration.get().isAllowUnsignedWebhooks();
            response = new WebhookReceiver(secrets, WebhookReceiver.DEFAULT_MAX_PAYLOAD_BYTES, allowUnsigned)
                    .receive(headers, req.getInputStream(), req.getContentLengthLong());
        } catch (IllegalStateException misconfigured) {
            LOGGER.warning("GitOps webhook refused: " + misconfigured.getMessage());
            respond(rsp, 503, "webhook secret is misconfigured in Jenkins; see the Jenkins log");
            return;
        }
        String message = response.message();
        if (response.event().isPresent()) {
            EngineRuntime rt = GitOpsService.get().runningRuntime().orElse(null);
            if (rt == null) {
                respond(rsp, 503, "the GitOps controller is not running yet; try again shortly");
                return;
            }
            List<String> refreshed = rt.controller().onPush(response.event().get());
            // the answer names no application (whoever reaches the endpoint must not learn which applications a
            // repository feeds); the administrator reads them here, as Argo CD logs each refresh it requests
            LOGGER.log(Level.INFO, "GitOps webhook: {0}; refreshing {1}", new Object[] {message,
                    refreshed.isEmpty() ? "no application" : String.join(", ", refreshed)});
        } else {
            LOGGER.log(response.status() == 200 ? Level.FINE : Level.INFO, "GitOps webhook: {0} {1}",
                    new Object[] {response.status(), message});
        }
        respond(rsp, response.status(), response.answer());
    }

    private static void respond(StaplerResponse2 rsp, int status, String message) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType("text/plain;charset=UTF-8");
        PrintWriter w = rsp.getWriter();
        w.println(message);
        w.flush();
    }
}
