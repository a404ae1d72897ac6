/**
 * Git sources: where an Application's manifests come from.
 *
 * <p>An Argo CD Application names a repository URL and a {@code targetRevision}. This package turns that pair into a
 * directory of files at one exact commit, without ever sharing a mutable checkout between callers. The central type
 * is {@link io.jenkins.plugins.gitops.engine.source.GitRepositoryCache}, rooted at one cache directory:
 *
 * <ol>
 *   <li><b>Fetch.</b> Each repository is cloned once as a bare mirror, keyed by a hash of its normalised URL
 *       ({@link io.jenkins.plugins.gitops.engine.source.RepoUrl}), and afterwards fetched: all branches and tags,
 *       with prune, and {@code HEAD} following the remote's default branch. Fetches are coalesced per repository:
 *       callers that arrive while a fetch runs share it, and a
 *       {@link io.jenkins.plugins.gitops.engine.source.RefreshCycle} lets a reconciler pass fetch each repository at
 *       most once however many applications use it. Repositories never wait on each other.
 *   <li><b>Resolve.</b> The {@code targetRevision} becomes a commit exactly as Argo CD's {@code lsRemote} does it:
 *       full SHA, empty or {@code HEAD}, semver constraint over tags
 *       ({@link io.jenkins.plugins.gitops.engine.source.SemverConstraint}, Masterminds semantics including its
 *       pre-release rule), branch or tag by short or full ref name (a branch wins over a same-named tag), then an
 *       abbreviated SHA. The answer is a {@link io.jenkins.plugins.gitops.engine.source.RevisionInfo}: SHA, the ref
 *       it came from, author, date, message and the tags on the commit.
 *   <li><b>Read.</b> {@link io.jenkins.plugins.gitops.engine.source.GitRepositoryCache#materialize} writes the tree
 *       of one commit into a read-only directory keyed by SHA (written to a temporary directory, then renamed), and
 *       hands out a lease, {@link io.jenkins.plugins.gitops.engine.source.RepositoryTree}. Trees are shared by
 *       everyone rendering that commit, isolated from every other commit, and evicted least-recently-used beyond a
 *       configurable count, never while leased. Symbolic links are kept only when they stay inside the tree; one
 *       that escapes is an error naming the link. Single files, the file list and the paths changed between two
 *       commits are read straight from the object database.
 * </ol>
 *
 * <p>Credentials ({@link io.jenkins.plugins.gitops.engine.source.RepoCredentials}: none, HTTPS password or token,
 * SSH key with host-key policy) are passed per call and never stored. No secret reaches a message: every error is a
 * {@link io.jenkins.plugins.gitops.engine.source.GitSourceException} built from text that went through
 * {@link io.jenkins.plugins.gitops.engine.source.SecretRedactor}, which masks URL user-info and the credential
 * values, and JGit exceptions are never attached as causes.
 *
 * <p>Tests run against a real smart-HTTP server ({@code engine.testing.GitHttpServer}, bridging to
 * {@code git http-backend}) with repositories built by {@code engine.testing.TestRepos}.
 */
package io.jenkins.plugins.gitops.engine.source;
