package io.jenkins.plugins.gitops.tools;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Node;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.tools.ToolInstallation;
import hudson.tools.ToolInstaller;
import hudson.tools.ToolInstallerDescriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.gitops.engine.tools.ArchiveInstaller;
import io.jenkins.plugins.gitops.engine.tools.Checksum;
import io.jenkins.plugins.gitops.engine.tools.KustomizeRelease;
import io.jenkins.plugins.gitops.engine.tools.ToolInstallException;
import io.jenkins.plugins.gitops.engine.tools.ToolPlatform;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Installs kustomize from a release archive: the URL template (default: kubernetes-sigs/kustomize's GitHub releases)
 * is expanded for the node's OS and architecture, the archive is checked against the release's
 * {@code checksums.txt} or a configured SHA-256, and unpacked under the node's {@code tools/} directory. A mirror
 * serves the same file names under its own URL. The work is the engine's {@link KustomizeRelease}.
 */
public class KustomizeInstaller extends ToolInstaller {

    private String version = KustomizeRelease.DEFAULT_VERSION;
    private String urlTemplate = KustomizeRelease.DEFAULT_URL_TEMPLATE;
    private String checksumsUrlTemplate = KustomizeRelease.DEFAULT_CHECKSUMS_TEMPLATE;
    private String sha256;

    @DataBoundConstructor
    public KustomizeInstaller(String label) {
        super(label);
    }

    public String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(String version) {
        this.version = Util.fixEmptyAndTrim(version) == null ? KustomizeRelease.DEFAULT_VERSION : version.trim();
    }

    public String getUrlTemplate() {
        return urlTemplate;
    }

    @DataBoundSetter
    public void setUrlTemplate(String urlTemplate) {
        this.urlTemplate = Util.fixEmptyAndTrim(urlTemplate) == null ? KustomizeRelease.DEFAULT_URL_TEMPLATE
                : urlTemplate.trim();
    }

    public String getChecksumsUrlTemplate() {
        return checksumsUrlTemplate;
    }

    @DataBoundSetter
    public void setChecksumsUrlTemplate(String checksumsUrlTemplate) {
        this.checksumsUrlTemplate = Util.fixEmptyAndTrim(checksumsUrlTemplate) == null
                ? KustomizeRelease.DEFAULT_CHECKSUMS_TEMPLATE : checksumsUrlTemplate.trim();
    }

    /** The archive's SHA-256 for the platform of the nodes this installer serves; replaces the checksums file. */
    public String getSha256() {
        return sha256;
    }

    /** @throws IllegalArgumentException when it is not 64 hex digits (JCasC then fails naming it) */
    @DataBoundSetter
    public void setSha256(String sha256) {
        String value = Util.fixEmptyAndTrim(sha256);
        this.sha256 = value == null ? null : Checksum.sha256(value).literal();
    }

    KustomizeRelease release() {
        return new KustomizeRelease(version, urlTemplate, checksumsUrlTemplate, sha256);
    }

    @Override
    public FilePath performInstallation(ToolInstallation tool, Node node, TaskListener log) throws IOException,
            InterruptedException {
        FilePath dir = preferredLocation(tool, node);
        String binary = dir.act(new Install(release()));
        if (binary != null) {
            log.getLogger().println("Kustomize " + release().version() + " installed at " + binary);
        }
        return dir;
    }

    /** Runs on the node: installs the release for the node's own platform; null when it was installed before. */
    private static final class Install extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;
        private final String version;
        private final String urlTemplate;
        private final String checksumsTemplate;
        private final String sha256;

        Install(KustomizeRelease r) {
            this.version = r.version();
            this.urlTemplate = r.urlTemplate();
            this.checksumsTemplate = r.checksumsTemplate();
            this.sha256 = r.sha256();
        }

        @Override
        public String invoke(File dir, VirtualChannel channel) throws IOException {
            ToolPlatform platform = ToolPlatform.current();
            if (platform == null) {
                throw new IOException("kustomize " + version + ": no release for this machine ("
                        + ToolPlatform.describeCurrent() + ")");
            }
            KustomizeRelease release = new KustomizeRelease(version, urlTemplate, checksumsTemplate, sha256);
            if (release.installed(platform, dir.toPath()) != null) {
                return null; // installed before: nothing to download or log
            }
            try {
                return release.install(new ArchiveInstaller(), platform, dir.toPath()).toString();
            } catch (ToolInstallException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    @Extension
    @Symbol("kustomizeRelease")
    public static class DescriptorImpl extends ToolInstallerDescriptor<KustomizeInstaller> {

        @Override
        @NonNull
        public String getDisplayName() {
            return "Install kustomize from a release archive";
        }

        @Override
        public boolean isApplicable(Class<? extends ToolInstallation> toolType) {
            return toolType == KustomizeInstallation.class;
        }

        @POST
        public FormValidation doCheckSha256(@QueryParameter String value) {
            jenkins.model.Jenkins.get().checkPermission(jenkins.model.Jenkins.ADMINISTER);
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            try {
                Checksum.sha256(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
