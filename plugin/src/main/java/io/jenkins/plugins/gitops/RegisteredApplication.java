package io.jenkins.plugins.gitops;

/**
 * An application a pipeline registered with the controller: its Argo CD YAML exactly as read, and the full name of
 * the job that owns it. The owner decides who may see and operate the application (Item.READ and Item.BUILD on
 * that job). Persisted by XStream, so plain fields only.
 */
public final class RegisteredApplication {

    private final String name;
    private String owner;
    private String yaml;
    private String file;
    private long registeredAt;
    private String registeredBy;

    public RegisteredApplication(String name, String owner, String yaml, String file, long registeredAt,
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

    /** Full name of the owning job, e.g. {@code team-a/deploy}. */
    public String getOwner() {
        return owner;
    }

    public String getYaml() {
        return yaml;
    }

    /** Where the YAML came from (workspace path), for error messages. */
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
        return "RegisteredApplication[" + name + " owned by " + owner + "]";
    }
}
