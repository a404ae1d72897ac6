package io.jenkins.plugins.gitops;

/**
 * An ApplicationSet a pipeline registered: its YAML exactly as read and the full name of the job that owns it (and
 * every application it generates). The background task regenerates it and keeps its applications registered
 * accordingly. Persisted by XStream, so plain fields only.
 */
public final class RegisteredApplicationSet {

    private final String name;
    private String owner;
    private String yaml;
    private String file;
    private long registeredAt;
    private String registeredBy;

    public RegisteredApplicationSet(String name, String owner, String yaml, String file, long registeredAt,
            String registeredBy) {
        this.name = name;
        this.owner = owner;
        this.yaml = yaml;
        this.file = file;
        this.registeredAt = registeredAt;
        this.registeredBy = registeredBy;
    }

    public String getName() {
        return name;
    }

    /** Full name of the owning job; it owns the generated applications too. */
    public String getOwner() {
        return owner;
    }

    public String getYaml() {
        return yaml;
    }

    /** Workspace path the YAML was read from, for error messages. */
    public String getFile() {
        return file;
    }

    public long getRegisteredAt() {
        return registeredAt;
    }

    /** The build that registered or last updated it, e.g. {@code team-a/deploy #12}. */
    public String getRegisteredBy() {
        return registeredBy;
    }

    void update(String newYaml, String newFile, long at, String by) {
        this.yaml = newYaml;
        this.file = newFile;
        this.registeredAt = at;
        this.registeredBy = by;
    }

    void moveTo(String newOwner) {
        this.owner = newOwner;
    }

    @Override
    public String toString() {
        return "RegisteredApplicationSet[" + name + " owned by " + owner + "]";
    }
}
