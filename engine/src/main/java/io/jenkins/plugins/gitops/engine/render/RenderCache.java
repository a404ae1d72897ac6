package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rendered manifests by (repository URL, commit, application path, hash of everything else that changes the output:
 * application name and namespaces, the source's tool settings, referenced sources' commits, output-affecting render
 * settings). A commit never changes, so entries never go stale; they are only evicted, least recently used first,
 * when the cache holds more than {@code maxEntries} entries or more than {@code maxBytes} (approximate) bytes.
 * Thread-safe; failures are not cached. Hit and miss counters are for benchmarks and diagnostics.
 */
public final class RenderCache {

    /** Identity of a render. {@code parametersHash} is a SHA-256 over the render parameters. */
    public record Key(String repoURL, String revision, String path, String parametersHash) {}

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<Key, RenderedManifests> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public RenderCache(int maxEntries, long maxBytes) {
        if (maxEntries <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("cache bounds must be positive");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The key for a request rendered with the given settings. */
    public static Key keyFor(RenderRequest request, RenderSettings settings) {
        Map<String, Object> params = new TreeMap<>();
        params.put("app", request.application().name());
        params.put("appNamespace", request.application().namespace());
        params.put("destinationNamespace", request.application().destination().namespace());
        params.put("source", request.source());
        Map<String, String> refs = new TreeMap<>();
        request.refSources().forEach((name, ref) -> refs.put(name, ref.revision()));
        params.put("refs", refs);
        params.put("settings", settings.outputAffecting());
        return new Key(request.source().repoURL(), request.revision(), request.source().path(), sha256(params));
    }

    public Optional<RenderedManifests> get(Key key) {
        synchronized (entries) {
            RenderedManifests m = entries.get(key);
            (m == null ? misses : hits).incrementAndGet();
            return Optional.ofNullable(m);
        }
    }

    public void put(Key key, RenderedManifests manifests) {
        synchronized (entries) {
            RenderedManifests old = entries.put(key, manifests);
            bytes += manifests.approximateBytes() - (old == null ? 0 : old.approximateBytes());
            Iterator<Map.Entry<Key, RenderedManifests>> it = entries.entrySet().iterator();
            while ((entries.size() > maxEntries || bytes > maxBytes) && it.hasNext()) {
                Map.Entry<Key, RenderedManifests> eldest = it.next();
                bytes -= eldest.getValue().approximateBytes();
                it.remove();
            }
        }
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
            bytes = 0;
        }
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Approximate bytes held. */
    public long bytes() {
        synchronized (entries) {
            return bytes;
        }
    }

    private static String sha256(Object value) {
        try {
            byte[] json = Yaml.JSON.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash render parameters", e);
        }
    }
}
