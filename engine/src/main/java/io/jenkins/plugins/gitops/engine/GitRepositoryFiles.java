package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.appset.RepositoryFiles;
import io.jenkins.plugins.gitops.engine.source.GitRepositoryCache;
import io.jenkins.plugins.gitops.engine.source.RefreshCycle;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link RepositoryFiles} for ApplicationSet git generators, read from the engine's Git cache: each (repository,
 * revision) is resolved once per instance (one fetch per repository per generation), then files are read straight
 * from the object database without materialising a tree.
 */
final class GitRepositoryFiles implements RepositoryFiles {

    private final GitRepositoryCache repos;
    private final RepoCredentialLookup credentials;
    private final RefreshCycle cycle = RefreshCycle.begin();
    private final Map<String, String> shas = new ConcurrentHashMap<>();

    GitRepositoryFiles(GitRepositoryCache repos, RepoCredentialLookup credentials) {
        this.repos = repos;
        this.credentials = credentials;
    }

    private String sha(String repoURL, String revision) {
        String rev = revision == null || revision.isEmpty() ? "HEAD" : revision;
        return shas.computeIfAbsent(repoURL + "@" + rev,
                k -> repos.resolve(repoURL, credentials.forUrl(repoURL), rev, cycle).sha());
    }

    @Override
    public List<String> directories(String repoURL, String revision) {
        TreeSet<String> dirs = new TreeSet<>();
        for (String file : repos.listFiles(repoURL, sha(repoURL, revision))) {
            String[] parts = file.split("/");
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < parts.length - 1; i++) {
                if (parts[i].startsWith(".")) {
                    break;
                }
                prefix.append(i == 0 ? "" : "/").append(parts[i]);
                dirs.add(prefix.toString());
            }
        }
        return List.copyOf(dirs);
    }

    @Override
    public List<String> files(String repoURL, String revision, String glob) {
        return repos.listFiles(repoURL, sha(repoURL, revision)).stream()
                .filter(f -> RepositoryFiles.matches(glob, f)).sorted().toList();
    }

    @Override
    public byte[] read(String repoURL, String revision, String path) {
        return repos.readFile(repoURL, sha(repoURL, revision), path);
    }
}
