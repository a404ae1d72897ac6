/**
 * Installing the external pieces rendering needs, the way Jenkins' own tool installers do: a release archive or a jar
 * downloaded from a configurable URL, its SHA-256 checked before anything is unpacked, cached in a directory the host
 * chooses (the CLI's state directory, Jenkins' {@code JENKINS_HOME/tools}) and reused while it still matches.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.tools.ToolPlatform} names the machine as release archives do
 * ({@code linux-amd64}, {@code darwin-arm64}, ...); {@link io.jenkins.plugins.gitops.engine.tools.Checksum} says
 * where the expected digest comes from (a literal, or a {@code checksums.txt}/{@code .sha256} file);
 * {@link io.jenkins.plugins.gitops.engine.tools.Download} fetches and verifies;
 * {@link io.jenkins.plugins.gitops.engine.tools.ArchiveInstaller} unpacks a {@code .tar.gz} or {@code .zip} and
 * finds the binary in it; {@link io.jenkins.plugins.gitops.engine.tools.KustomizeRelease} builds the URLs of a
 * kustomize release. Every failure is a {@link io.jenkins.plugins.gitops.engine.tools.ToolInstallException} whose
 * message is one line naming the tool and the URL; nothing half-installed is left where the next run would use it.
 */
package io.jenkins.plugins.gitops.engine.tools;
