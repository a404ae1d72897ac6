package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.List;

/**
 * Turns one application source into Kubernetes objects, the way one config management tool of Argo CD does
 * (plain directory, Kustomize, Helm). Implementations are stateless and thread-safe; per-render state lives in the
 * {@link RenderContext}.
 *
 * <p>Contract: return every object the tool produced, in the tool's order, each carrying its source (a path relative to
 * the repository root). Do not default namespaces, flatten lists or detect duplicates: {@link ManifestPostProcessor}
 * does that for every tool alike. Never write into the repository tree. Fail with a {@link RenderException} that
 * names the file or tool at fault.
 */
public interface ManifestRenderer {

    List<KubeObject> render(RenderContext context);
}
