package io.jenkins.plugins.gitops.engine.imageupdate;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.source.RepoCredentials;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code write-back-method: git:secret:[<namespace>/]<name>}: Git credentials for the write-back from a Kubernetes
 * secret, as Argo CD Image Updater reads them: {@code username} and {@code password} for an HTTPS repository,
 * {@code sshPrivateKey} for an SSH one. As in Image Updater the secret must live in the Application's namespace
 * (a bare name means that namespace), so an Application cannot borrow another namespace's credentials.
 */
public record GitSecretCredentials(String namespace, String name) {

    /** Parses the text after {@code git:}; {@code app} gives the namespace rule. */
    public static GitSecretCredentials parse(String credentials, Application app) {
        String annotation = ImageUpdateAnnotations.WRITE_BACK_METHOD;
        if (!credentials.startsWith("secret:") || credentials.length() == "secret:".length()) {
            throw new ImageUpdateException(annotation + ": 'git:" + credentials + "' must be git, git:repocreds or "
                    + "git:secret:[<namespace>/]<name>");
        }
        String def = credentials.substring("secret:".length()).trim();
        String appNs = app.namespace() == null ? "" : app.namespace().trim();
        String[] p = def.split("/", -1);
        if (p.length > 2 || p[p.length - 1].isBlank() || (p.length == 2 && p[0].isBlank())) {
            throw new ImageUpdateException(annotation + ": 'git:" + credentials + "' must be git:secret:[<namespace>/]"
                    + "<name>");
        }
        String ns = p.length == 2 ? p[0].trim() : appNs;
        if (ns.isEmpty()) {
            throw new ImageUpdateException(annotation + ": 'git:" + credentials + "' names no namespace and the "
                    + "Application has none; write git:secret:<namespace>/<name>");
        }
        if (!appNs.isEmpty() && !ns.equals(appNs)) {
            throw new ImageUpdateException(annotation + ": secret namespace '" + ns + "' differs from the "
                    + "Application's namespace '" + appNs + "'");
        }
        return new GitSecretCredentials(ns, p[p.length - 1].trim());
    }

    /** The credentials for {@code repoUrl}, read now; errors name the secret and field, never a value. */
    public Function<String, RepoCredentials> resolve(String repoUrl, SecretSource secrets) {
        String usedBy = ImageUpdateAnnotations.WRITE_BACK_METHOD + " git:secret:" + namespace + "/" + name;
        Map<String, String> data = secrets.read(namespace, name).orElseThrow(() -> new ImageUpdateException(usedBy
                + ": secret " + namespace + "/" + name + " does not exist"));
        RepoCredentials creds;
        if (ssh(repoUrl)) {
            creds = RepoCredentials.sshKey(secrets.field(namespace, name, "sshPrivateKey", usedBy))
                    .withHostKeyChecking(RepoCredentials.HostKeyChecking.ACCEPT_NEW);
        } else if (data.containsKey("username")) {
            creds = RepoCredentials.password(data.get("username"), secrets.field(namespace, name, "password", usedBy));
        } else {
            throw new ImageUpdateException(usedBy + ": secret " + namespace + "/" + name + " has no field 'username'"
                    + " (HTTPS needs username and password)");
        }
        return url -> creds;
    }

    static boolean ssh(String url) {
        return url.startsWith("ssh://") || url.matches("[^@/:]+@[^:/]+:.*");
    }
}
