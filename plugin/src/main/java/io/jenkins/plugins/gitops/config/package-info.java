/**
 * Global configuration: where the clusters are and how to reach them, which credentials open which Git
 * repositories, how often the controller refreshes, how much it does at once, and which shared secrets webhooks
 * must carry. Secrets are never stored here, only credential ids; {@link io.jenkins.plugins.gitops.config.CredentialsResolver}
 * turns ids into the engine's {@code ClusterSpec} and {@code RepoCredentialSpec} at the moment the engine is built,
 * so rotating a credential takes effect on the next save or restart. The configuration is JCasC-friendly: every
 * property has a getter and a {@code @DataBoundSetter}, and the symbol is {@code gitops}.
 */
package io.jenkins.plugins.gitops.config;
