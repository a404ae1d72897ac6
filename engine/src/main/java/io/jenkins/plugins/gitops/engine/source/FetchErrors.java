package io.jenkins.plugins.gitops.engine.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns JGit's fetch error texts into messages a user can act on. JGit repeats the URL in front of each nested
 * message; that repetition is dropped because the caller names the repository once.
 */
final class FetchErrors {

    /** JGit message fragment to the explanation shown instead (first match wins). */
    private static final Map<String, String> EXPLANATIONS = new LinkedHashMap<>();

    static {
        EXPLANATIONS.put("Authentication is required but no CredentialsProvider has been registered",
                "the server requires authentication but no credentials are configured for this repository");
        EXPLANATIONS.put("not authorized", "the server rejected the configured credentials");
        EXPLANATIONS.put("Server key did not validate", "the SSH host key of the server is not trusted: add it to the"
                + " known hosts of the credentials (or allow accept-new)");
        EXPLANATIONS.put("Auth fail", "SSH authentication failed: the server rejected the configured key");
        EXPLANATIONS.put("Cannot log in at", "SSH authentication failed: the server rejected the configured key");
        EXPLANATIONS.put("not found: Not Found", "repository not found (check the URL; private repositories may also"
                + " answer 'not found' without valid credentials)");
    }

    private FetchErrors() {}

    /** {@code description} (already redacted) without repeated URL prefixes, with a known cause explained. */
    static String explain(String description, RepoUrl url) {
        String text = withoutRepeats(description.replace(url.redacted() + ": ", ""));
        for (Map.Entry<String, String> known : EXPLANATIONS.entrySet()) {
            if (text.contains(known.getKey())) {
                return known.getValue() + " (" + text + ")";
            }
        }
        return text;
    }

    /** {@code "a: a: b"} becomes {@code "a: b"}: JGit nests the same message in several exceptions. */
    private static String withoutRepeats(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split(": ")) {
            if (parts.isEmpty() || !parts.get(parts.size() - 1).equals(part)) {
                parts.add(part);
            }
        }
        return String.join(": ", parts);
    }
}
