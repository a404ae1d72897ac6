package io.jenkins.plugins.gitops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The registered applications, persisted as one XML file. Invariant: names are unique and every application has
 * exactly one owning job. A job may take over an application only when it already owns it or when its owner no
 * longer exists; otherwise registration is refused naming the owner, so two jobs never fight over one application.
 */
public final class RegisteredApplications {

    private List<RegisteredApplication> applications = new ArrayList<>();

    /** XStream leaves fields null for an empty file. */
    private Object readResolve() {
        if (applications == null) {
            applications = new ArrayList<>();
        }
        return this;
    }

    public synchronized Optional<RegisteredApplication> get(String name) {
        return applications.stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    /** All applications sorted by name. */
    public synchronized List<RegisteredApplication> all() {
        List<RegisteredApplication> copy = new ArrayList<>(applications);
        copy.sort(Comparator.comparing(RegisteredApplication::getName));
        return copy;
    }

    /**
     * Registers or updates {@code name} for {@code owner}.
     *
     * @param ownerExists whether a job of that full name exists (to let a job take over an orphaned application)
     * @throws IllegalStateException when another existing job owns the application
     */
    public synchronized RegisteredApplication claim(String name, String owner, String yaml, String file, long now,
            String by, Predicate<String> ownerExists) {
        Optional<RegisteredApplication> existing = get(name);
        if (existing.isPresent()) {
            RegisteredApplication app = existing.get();
            if (!app.getOwner().equals(owner) && ownerExists.test(app.getOwner())) {
                throw new IllegalStateException("application '" + name + "' is registered by job '"
                        + app.getOwner() + "'; an application belongs to one job. Rename the application in "
                        + file + " or remove it from the other job first");
            }
            app.moveTo(owner);
            app.update(yaml, file, now, by);
            return app;
        }
        RegisteredApplication app = new RegisteredApplication(name, owner, yaml, file, now, by);
        applications.add(app);
        return app;
    }

    public synchronized boolean remove(String name) {
        return applications.removeIf(a -> a.getName().equals(name));
    }

    /** Follows a job (or a folder above it) that was renamed or moved; returns the names of affected apps. */
    public synchronized List<String> moveOwner(String oldFullName, String newFullName) {
        List<String> moved = new ArrayList<>();
        for (RegisteredApplication a : applications) {
            String owner = a.getOwner();
            if (owner.equals(oldFullName)) {
                a.moveTo(newFullName);
                moved.add(a.getName());
            } else if (owner.startsWith(oldFullName + "/")) {
                a.moveTo(newFullName + owner.substring(oldFullName.length()));
                moved.add(a.getName());
            }
        }
        return moved;
    }

    /** Forgets every application owned by a deleted job (or by any job inside a deleted folder). */
    public synchronized List<String> removeOwnedBy(String fullName) {
        List<String> removed = new ArrayList<>();
        applications.removeIf(a -> {
            boolean gone = a.getOwner().equals(fullName) || a.getOwner().startsWith(fullName + "/");
            if (gone) {
                removed.add(a.getName());
            }
            return gone;
        });
        return removed;
    }
}
