package io.jenkins.plugins.gitops;

import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * Threads that run engine code. The engine's libraries (fabric8's HTTP client, Jackson modules) find their
 * implementations through the thread's context class loader, which must therefore be this plugin's loader rather
 * than Jenkins core's; threads the engine starts itself inherit it from the thread that starts them.
 */
public final class PluginThreads {

    private PluginThreads() {}

    public static ThreadFactory factory(String name) {
        ThreadFactory named = new NamingThreadFactory(new DaemonThreadFactory(), name);
        return r -> {
            Thread t = named.newThread(r);
            t.setContextClassLoader(PluginThreads.class.getClassLoader());
            return t;
        };
    }

    /** Runs {@code body} with this plugin's loader as the context class loader. */
    public static <T> T withPluginLoader(Supplier<T> body) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(PluginThreads.class.getClassLoader());
        try {
            return body.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
