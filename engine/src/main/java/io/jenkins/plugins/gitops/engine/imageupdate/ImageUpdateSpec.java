package io.jenkins.plugins.gitops.engine.imageupdate;

import java.util.List;

/** What an application asks the image updater to do: the images it tracks and how new tags are written back. */
public record ImageUpdateSpec(String appName, List<TrackedImage> images, WriteBackConfig writeBack) {}
