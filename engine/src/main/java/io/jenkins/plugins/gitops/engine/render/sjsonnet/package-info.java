/**
 * The engine's only code that touches sjsonnet and Scala: {@link io.jenkins.plugins.gitops.engine.render.sjsonnet.SjsonnetVm}
 * and its importer. The package is loaded by whichever class loader holds the Jsonnet runtime - the engine's own when
 * sjsonnet is on the class path (the CLI, tests), or the loader {@code JsonnetRuntime} builds over the jars it
 * fetched (the Jenkins plugin, which does not bundle the ~10 MB runtime). It must therefore use nothing of the engine
 * but the public {@link io.jenkins.plugins.gitops.engine.render.JsonnetVm}.
 */
package io.jenkins.plugins.gitops.engine.render.sjsonnet;
