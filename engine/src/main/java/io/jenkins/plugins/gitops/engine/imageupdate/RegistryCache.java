package io.jenkins.plugins.gitops.engine.imageupdate;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What registries answered, kept across update cycles so that a steady state costs few requests (registries such as
 * Docker Hub limit manifest GETs; HEAD requests and tag lists are cheap or free). Only content-addressed answers are
 * kept, so nothing here can go stale: manifests by digest and image creation dates by config digest. For a tag, the
 * digest it pointed to last time is remembered; the next cycle confirms it with a {@code HEAD} and reuses the cached
 * manifest when it still matches (Argo CD Image Updater keeps a similar per-image tag cache). Bounded (least recently
 * used entries go first); thread-safe.
 */
public final class RegistryCache {

    private final Map<String, Manifest> manifests;
    private final Map<String, Optional<Instant>> created;
    private final Map<String, String> tagDigests;

    /** @param maxEntries per kind of entry */
    public RegistryCache(int maxEntries) {
        this.manifests = lru(maxEntries);
        this.created = lru(maxEntries);
        this.tagDigests = lru(maxEntries);
    }

    private static <V> Map<String, V> lru(int max) {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        });
    }

    Manifest manifest(String repository, String digest) {
        return manifests.get(repository + "@" + digest);
    }

    void putManifest(String repository, String tag, Manifest m) {
        manifests.put(repository + "@" + m.digest(), m);
        if (tag != null) {
            tagDigests.put(repository + ":" + tag, m.digest());
        }
    }

    String lastDigest(String repository, String tag) {
        return tagDigests.get(repository + ":" + tag);
    }

    Optional<Instant> created(String repository, String configDigest) {
        return created.get(repository + "@" + configDigest);
    }

    void putCreated(String repository, String configDigest, Optional<Instant> value) {
        created.put(repository + "@" + configDigest, value);
    }

    /** Entries held, all kinds together (for tests and the benchmark). */
    public int size() {
        return manifests.size() + created.size() + tagDigests.size();
    }
}
