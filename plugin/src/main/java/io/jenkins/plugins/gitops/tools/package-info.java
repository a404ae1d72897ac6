/**
 * Kustomize as a Jenkins tool, and where helm-java's native library comes from.
 *
 * <p>{@link io.jenkins.plugins.gitops.tools.KustomizeInstallation} is a {@code ToolInstallation} like Jenkins' Maven
 * and JDK tools (Manage Jenkins, Tools, or JCasC {@code tool: kustomize:}): a path, or
 * {@link io.jenkins.plugins.gitops.tools.KustomizeInstaller}, which downloads a kustomize release archive for the
 * node's OS and architecture from a URL template, checks its SHA-256 and unpacks it under the node's {@code tools/}
 * directory. The engine does the work ({@code engine.tools}); these classes only convert. The GitOps configuration
 * names the installation the controller renders with ({@link io.jenkins.plugins.gitops.tools.RenderToolsConfig}),
 * and the Maven repository helm-java's native jar is fetched from on first use, cached under
 * {@code JENKINS_HOME/tools/helm-java}.
 */
package io.jenkins.plugins.gitops.tools;
