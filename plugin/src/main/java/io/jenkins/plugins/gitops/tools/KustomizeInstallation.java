package io.jenkins.plugins.gitops.tools;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.EnvironmentSpecific;
import hudson.model.Node;
import hudson.model.TaskListener;
import hudson.slaves.NodeSpecific;
import hudson.tools.ToolDescriptor;
import hudson.tools.ToolInstaller;
import hudson.tools.ToolInstallation;
import hudson.tools.ToolProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * A kustomize an administrator set up in Manage Jenkins, Tools (or JCasC {@code tool: kustomize: installations:}):
 * either a path (the {@code kustomize} binary, or the directory holding it) or installed automatically by
 * {@link KustomizeInstaller}. Node- and environment-specific like Jenkins' Maven and JDK installations.
 */
public class KustomizeInstallation extends ToolInstallation
        implements NodeSpecific<KustomizeInstallation>, EnvironmentSpecific<KustomizeInstallation> {

    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public KustomizeInstallation(String name, String home, List<? extends ToolProperty<?>> properties) {
        super(name, home, properties);
    }

    @Override
    public KustomizeInstallation forNode(@NonNull Node node, TaskListener log) throws IOException,
            InterruptedException {
        return new KustomizeInstallation(getName(), translateFor(node, log), getProperties().toList());
    }

    @Override
    public KustomizeInstallation forEnvironment(EnvVars environment) {
        return new KustomizeInstallation(getName(), environment.expand(getHome()), getProperties().toList());
    }

    /**
     * The kustomize binary of this (node-translated) installation on the controller: its home when that is a file,
     * else {@code kustomize} (or {@code kustomize.exe}) in it or in its {@code bin/}.
     */
    public Path binary() {
        String home = getHome();
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("Kustomize installation '" + getName() + "' has no home directory and no "
                    + "installer");
        }
        Path p = Path.of(home);
        if (Files.isRegularFile(p)) {
            return p;
        }
        for (String name : List.of("kustomize", "kustomize.exe", "bin/kustomize", "bin/kustomize.exe")) {
            if (Files.isRegularFile(p.resolve(name))) {
                return p.resolve(name);
            }
        }
        return p.resolve("kustomize");
    }

    /** The installation called {@code name}, or null. */
    public static KustomizeInstallation named(String name) {
        for (KustomizeInstallation i : descriptor().getInstallations()) {
            if (i.getName().equals(name)) {
                return i;
            }
        }
        return null;
    }

    public static DescriptorImpl descriptor() {
        return Jenkins.get().getDescriptorByType(DescriptorImpl.class);
    }

    @Extension
    @Symbol("kustomize")
    public static class DescriptorImpl extends ToolDescriptor<KustomizeInstallation> {

        public DescriptorImpl() {
            load();
        }

        @Override
        @NonNull
        public String getDisplayName() {
            return "Kustomize";
        }

        @Override
        public List<? extends ToolInstaller> getDefaultInstallers() {
            return List.of(new KustomizeInstaller(null));
        }

        @Override
        public void setInstallations(KustomizeInstallation... installations) {
            super.setInstallations(installations);
            save();
        }
    }
}
