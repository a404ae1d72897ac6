package io.jenkins.plugins.gitops.tools;

import hudson.model.TaskListener;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.gitops.engine.render.HelmNativeLibrary;
import io.jenkins.plugins.gitops.engine.render.JsonnetRuntime;
import io.jenkins.plugins.gitops.engine.render.KustomizeLocator;
import io.jenkins.plugins.gitops.engine.render.RenderTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The rendering tools of the controller, from the GitOps configuration: the chosen Kustomize installation (installed
 * on the controller when an application first needs it, through Jenkins' tool installers), the hint the "no
 * Kustomize" error ends with, and the Maven repository and caches for helm-java's native library and the Jsonnet
 * runtime (neither is bundled in the plugin; both are fetched on first use, see docs/ARCHITECTURE.md, Packaging).
 */
public final class RenderToolsConfig {

    private static final Logger LOGGER = Logger.getLogger(RenderToolsConfig.class.getName());

    static final String KUSTOMIZE_HINT = "add a Kustomize installation in Manage Jenkins > Tools (a path, or "
            + "'Install automatically') and choose it under Manage Jenkins > System > GitOps > Kustomize";

    private RenderToolsConfig() {}

    /**
     * @param kustomizeInstallation the chosen installation's name; blank means the first one configured, if any
     * @param helmNativeRepository Maven repository URL for helm-java's native library and the Jsonnet runtime; blank
     *     means Maven Central
     */
    public static RenderTools renderTools(String kustomizeInstallation, String helmNativeRepository) {
        String repo = helmNativeRepository == null || helmNativeRepository.isBlank() ? null
                : helmNativeRepository.strip();
        URI repository = repo == null ? null : URI.create(repo);
        Path tools = Jenkins.get().getRootDir().toPath().resolve("tools");
        return new RenderTools(null, kustomize(kustomizeInstallation), KUSTOMIZE_HINT,
                new HelmNativeLibrary.Source(repository, tools.resolve("helm-java")),
                new JsonnetRuntime.Source(repository, tools.resolve("jsonnet")));
    }

    private static KustomizeLocator.ConfiguredKustomize kustomize(String chosen) {
        String name = chosen == null || chosen.isBlank() ? null : chosen.strip();
        if (name == null) {
            KustomizeInstallation[] all = KustomizeInstallation.descriptor().getInstallations();
            if (all.length == 0) {
                return null;
            }
            name = all[0].getName();
        }
        return new Installed(name);
    }

    /** The named installation, translated for (and so installed on) the controller when first used. */
    private record Installed(String name) implements KustomizeLocator.ConfiguredKustomize {
        @Override
        public String describe() {
            return "Kustomize installation '" + name + "'";
        }

        @Override
        public Path binary() {
            KustomizeInstallation installation = KustomizeInstallation.named(name);
            if (installation == null) {
                throw new IllegalStateException("no Kustomize installation with this name exists; "
                        + KUSTOMIZE_HINT);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TaskListener listener = new StreamTaskListener(out, StandardCharsets.UTF_8);
            try {
                Path binary = installation.forNode(Jenkins.get(), listener).binary();
                String log = out.toString(StandardCharsets.UTF_8).strip();
                if (!log.isEmpty()) {
                    LOGGER.info(describe() + ": " + log);
                }
                return binary;
            } catch (IOException e) {
                throw new IllegalStateException(firstLine(e.getMessage()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while installing", e);
            }
        }

        private static String firstLine(String message) {
            String m = String.valueOf(message).strip();
            int nl = m.indexOf('\n');
            return nl < 0 ? m : m.substring(0, nl);
        }
    }
}
