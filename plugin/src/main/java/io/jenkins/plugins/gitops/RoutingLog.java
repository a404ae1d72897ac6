package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The engine's log: every message goes to the background log, and messages about one application (the engine
 * prefixes them {@code "<app>: "}) also go to whoever subscribed to that application, so a build that queued a
 * sync on the controller sees the sync's progress in its console while it waits.
 */
public final class RoutingLog implements EngineLog {

    /** A subscription; closing it stops the routing. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final EngineLog base;
    private final Map<String, List<EngineLog>> subscribers = new ConcurrentHashMap<>();

    public RoutingLog(EngineLog base) {
        this.base = base;
    }

    /** Routes messages about {@code app} to {@code target} until the subscription is closed. */
    public Subscription subscribe(String app, EngineLog target) {
        subscribers.computeIfAbsent(app, a -> new CopyOnWriteArrayList<>()).add(target);
        return () -> subscribers.computeIfPresent(app, (a, list) -> {
            list.remove(target);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public void info(String message) {
        base.info(message);
        route(message, EngineLog::info);
    }

    @Override
    public void warn(String message) {
        base.warn(message);
        route(message, EngineLog::warn);
    }

    private void route(String message, BiConsumer<EngineLog, String> level) {
        if (subscribers.isEmpty() || message == null) {
            return;
        }
        int colon = message.indexOf(": ");
        if (colon <= 0) {
            return;
        }
        List<EngineLog> targets = subscribers.get(message.substring(0, colon));
        if (targets != null) {
            targets.forEach(t -> level.accept(t, message.substring(colon + 2)));
        }
    }
}
