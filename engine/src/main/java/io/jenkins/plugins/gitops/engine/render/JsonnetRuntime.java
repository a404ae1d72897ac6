package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.tools.Checksum;
import io.jenkins.plugins.gitops.engine.tools.Download;
import io.jenkins.plugins.gitops.engine.tools.ToolInstallException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Jsonnet runtime - sjsonnet and the Scala libraries it runs on, ~10 MB in {@link #ARTIFACTS} jars - for
 * {@link JsonnetEvaluator}. The engine compiles against sjsonnet but does not make it a run-time dependency: the CLI
 * bundles it, while the Jenkins plugin does not (it would be a third of the plugin) and fetches it on the first
 * Jsonnet render instead, as it fetches helm-java's native library ({@link HelmNativeLibrary}).
 *
 * <p>{@link #vm} returns the evaluator once per JVM: sjsonnet already on the class path is used as it is; otherwise
 * each jar is fetched from a Maven repository ({@link Source}, default Maven Central) into a cache directory,
 * verified against the SHA-256 the project pinned ({@code jsonnet-runtime.txt}; a cached jar is verified again on every
 * load), and loaded in a class loader of its own that looks in those jars first and defines the engine's
 * {@code render.sjsonnet} package next to them. Nothing configured to fetch from, a failed download and a checksum
 * that does not match each end Jsonnet rendering with one clear line; nothing else is affected.
 */
public final class JsonnetRuntime {

    /** The artifacts of the runtime with their pinned SHA-256, in {@code jsonnet-runtime.txt}'s order. */
    public static final List<Artifact> ARTIFACTS = List.copyOf(readArtifacts());
    static final String VM_CLASS = "io.jenkins.plugins.gitops.engine.render.sjsonnet.SjsonnetVm";

    /** One jar of the runtime: Maven coordinates and the SHA-256 Maven Central's file has. */
    public record Artifact(String groupId, String artifactId, String version, String sha256) {
        /** {@code artifactId-version.jar} */
        public String fileName() {
            return artifactId + "-" + version + ".jar";
        }

        /** The jar's path in a Maven-layout repository, e.g. {@code org/scala-lang/scala-library/2.13.4/...jar}. */
        public String repositoryPath() {
            return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + fileName();
        }
    }

    /**
     * Where a missing runtime is fetched from and cached.
     *
     * @param repository a Maven repository (Maven layout), e.g. Maven Central or a mirror of it; {@code file:} URLs
     *     serve an offline copy
     * @param cacheDir where verified jars are kept, e.g. {@code JENKINS_HOME/tools/jsonnet}
     */
    public record Source(URI repository, Path cacheDir) {
        public Source {
            repository = repository == null ? HelmNativeLibrary.Source.MAVEN_CENTRAL : withSlash(repository);
        }

        URI jar(Artifact artifact) {
            return repository.resolve(artifact.repositoryPath());
        }

        private static URI withSlash(URI uri) {
            String s = uri.toString();
            return s.endsWith("/") ? uri : URI.create(s + "/");
        }
    }

    private static volatile JsonnetVm vm;
    private static volatile String loadedFrom;

    private JsonnetRuntime() {}

    /**
     * The Jsonnet evaluator, loading the runtime on the first call of the JVM.
     *
     * @param source where to fetch the runtime from when it is not on the class path; null means the class path only
     * @throws RenderException one line: nothing configured to fetch from, or a failed fetch
     */
    public static JsonnetVm vm(Source source) {
        JsonnetVm v = vm;
        if (v != null) {
            return v;
        }
        synchronized (JsonnetRuntime.class) {
            if (vm != null) {
                return vm;
            }
            ClassLoader own = JsonnetRuntime.class.getClassLoader();
            if (own.getResource("sjsonnet/Interpreter.class") != null) {
                vm = instantiate(own);
                loadedFrom = "the class path";
                return vm;
            }
            if (source == null || source.cacheDir() == null) {
                throw new RenderException("Jsonnet rendering needs the Jsonnet runtime (sjsonnet), which is not on "
                        + "the class path and no repository is configured to fetch it from");
            }
            List<Path> jars;
            try {
                jars = fetch(source, new Download());
            } catch (ToolInstallException e) {
                throw new RenderException("Jsonnet rendering is not available: " + e.getMessage(), e);
            }
            vm = instantiate(new RuntimeLoader(jars, own));
            loadedFrom = source.cacheDir().toString();
            return vm;
        }
    }

    /** Where the runtime came from ({@code the class path} or the cache directory), or null before it loaded. */
    public static String loadedFrom() {
        return loadedFrom;
    }

    /** The verified jars in the cache, downloading each one that is missing or no longer matches its pin. */
    static List<Path> fetch(Source source, Download download) {
        List<Path> jars = new ArrayList<>();
        for (Artifact a : ARTIFACTS) {
            Path jar = source.cacheDir().resolve(a.fileName());
            if (!Files.isRegularFile(jar) || !Download.sha256(jar).equals(a.sha256())) {
                download.fetch("Jsonnet runtime (" + a.fileName() + ")", source.jar(a), Checksum.sha256(a.sha256()),
                        jar);
            }
            jars.add(jar);
        }
        return jars;
    }

    /** A {@link JsonnetVm} from {@code loader}, which must hold sjsonnet. */
    static JsonnetVm instantiate(ClassLoader loader) {
        try {
            return (JsonnetVm) Class.forName(VM_CLASS, true, loader).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException i && i.getCause() != null ? i.getCause() : e;
            throw new RenderException("Jsonnet rendering is not available: cannot load the Jsonnet runtime: " + cause,
                    cause);
        }
    }

    private static List<Artifact> readArtifacts() {
        List<Artifact> out = new ArrayList<>();
        try (InputStream in = JsonnetRuntime.class.getResourceAsStream("jsonnet-runtime.txt")) {
            if (in == null) {
                throw new IllegalStateException("jsonnet-runtime.txt is missing from the engine");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                String[] gav = parts[0].split(":");
                if (parts.length != 2 || gav.length != 3) {
                    throw new IllegalStateException("jsonnet-runtime.txt: malformed line '" + line + "'");
                }
                out.add(new Artifact(gav[0], gav[1], gav[2], Checksum.sha256(parts[1]).literal()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The runtime's jars first, then the engine: the engine's {@code render.sjsonnet} package is defined here from the
     * engine's class files, so its references to sjsonnet and Scala resolve to these jars; everything else
     * (the engine's {@link JsonnetVm}, the JDK) comes from the engine's loader.
     */
    static final class RuntimeLoader extends URLClassLoader {
        static final String BRIDGE = VM_CLASS.substring(0, VM_CLASS.lastIndexOf('.') + 1);

        static {
            registerAsParallelCapable();
        }

        RuntimeLoader(List<Path> jars, ClassLoader engine) {
            super(urls(jars), engine);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && name.startsWith(BRIDGE)) {
                    c = defineFromEngine(name);
                }
                if (c == null && !name.startsWith("java.")) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notInTheRuntime) {
                        // the engine's or the JDK's
                    }
                }
                if (c == null) {
                    c = getParent().loadClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        private Class<?> defineFromEngine(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }

        private static URL[] urls(List<Path> jars) {
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                try {
                    urls[i] = jars.get(i).toUri().toURL();
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return urls;
        }
    }
}
