package io.jenkins.plugins.gitops;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.listeners.ItemListener;

/**
 * Keeps registered applications tied to their jobs: a renamed or moved job (or folder) takes its applications
 * along; a deleted one releases them, so no application is left that nobody has permission to operate.
 */
@Extension
public class GitOpsItemListener extends ItemListener {

    @Override
    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        GitOpsService.get().ownerMoved(oldFullName, newFullName);
    }

    @Override
    public void onDeleted(Item item) {
        GitOpsService.get().ownerDeleted(item.getFullName());
    }
}
