package io.jenkins.plugins.gitops.webhook;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Git providers cannot send a CSRF crumb: exempt the webhook path, which authenticates by shared secret. */
@Extension
public class GitOpsWebhookCrumbExclusion extends CrumbExclusion {

    @Override
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getPathInfo();
        if (path != null && (path.equals("/" + GitOpsWebhook.URL_NAME) || path.startsWith("/" + GitOpsWebhook.URL_NAME + "/"))) {
            chain.doFilter(request, response);
            return true;
        }
        return false;
    }
}
