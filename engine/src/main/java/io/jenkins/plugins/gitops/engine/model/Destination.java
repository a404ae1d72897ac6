package io.jenkins.plugins.gitops.engine.model;

/** {@code spec.destination}: a cluster (by server URL or by name, not both) and the default namespace. */
public record Destination(String server, String name, String namespace) {

    public static final String IN_CLUSTER = "https://kubernetes.default.svc";

    /** What identifies the cluster in messages: the server URL, else the name. */
    public String cluster() {
        return server.isEmpty() ? name : server;
    }

    static Destination read(FieldReader r) {
        if (!r.present()) {
            r.error(r.path(), "is required");
            return new Destination("", "", "");
        }
        String server = r.string("server", "");
        String name = r.string("name", "");
        if (server.isEmpty() && name.isEmpty()) {
            r.error(r.path(), "one of server or name is required");
        } else if (!server.isEmpty() && !name.isEmpty()) {
            r.error(r.path(), "server and name are mutually exclusive");
        }
        String namespace = r.string("namespace", "");
        if (!namespace.isEmpty() && (namespace.length() > 63 || !namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"))) {
            r.error(r.path() + ".namespace", "must be a DNS-1123 label (at most 63 lower case letters, digits, '-'): "
                    + (namespace.length() > 80 ? namespace.substring(0, 80) + "..." : namespace));
        }
        return new Destination(server, name, namespace);
    }
}
