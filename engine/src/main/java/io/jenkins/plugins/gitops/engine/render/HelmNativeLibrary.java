package io.jenkins.plugins.gitops.engine.render;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.jni.NativeLibrary;
import io.jenkins.plugins.gitops.engine.tools.Checksum;
import io.jenkins.plugins.gitops.engine.tools.Download;
import io.jenkins.plugins.gitops.engine.tools.ToolInstallException;
import io.jenkins.plugins.gitops.engine.tools.ToolPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

/**
 * helm-java's native library (the Helm Go code as a shared library) for the platform this JVM runs on. helm-java
 * publishes one jar per platform ({@link #PLATFORMS}, ~30 MB each); the engine does not depend on any of them, so
 * one plugin serves every controller without shipping all five.
 *
 * <p>{@link #ensureLoaded} runs before the first Helm call of the JVM: a native library already on the class path
 * (the CLI's jar, tests) is used as it is; otherwise the platform's jar is fetched from a Maven repository
 * ({@link Source}, default Maven Central) into a cache directory, verified against the SHA-256 the project pinned for
 * this helm-java version ({@code helm-native-sha256.properties}) or else the repository's own {@code .sha256} file,
 * and handed to helm-java through the thread's context class loader, which is where helm-java looks for it. A cached
 * jar is verified again on every load. An unsupported platform, a download that fails and a checksum that does not
 * match each end Helm rendering with one clear line; Kustomize and plain directories are not affected.
 */
public final class HelmNativeLibrary {

    /** The platforms helm-java publishes a native jar for (its artifactId is the platform name). */
    static final Set<String> PLATFORMS = Set.of("linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64",
            "windows-amd64");
    static final String GROUP_PATH = "com/marcnuri/helm-java";

    /**
     * Where a missing native library is fetched from and cached.
     *
     * @param repository a Maven repository (Maven layout), e.g. Maven Central or a mirror of it
     * @param cacheDir where verified jars are kept, e.g. {@code JENKINS_HOME/tools/helm-java}
     */
    public record Source(URI repository, Path cacheDir) {
        public static final URI MAVEN_CENTRAL = URI.create("https://repo1.maven.org/maven2/");

        public Source {
            repository = repository == null ? MAVEN_CENTRAL : withSlash(repository);
        }

        /** The jar's URL for this artifact and version. */
        URI jar(String artifact, String version) {
            return repository.resolve(GROUP_PATH + "/" + artifact + "/" + version + "/" + artifact + "-" + version
                    + ".jar");
        }

        private static URI withSlash(URI uri) {
            String s = uri.toString();
            return s.endsWith("/") ? uri : URI.create(s + "/");
        }
    }

    private static volatile String loadedFrom;

    private HelmNativeLibrary() {}

    /**
     * Makes helm-java's native library available to {@link Helm}, once per JVM.
     *
     * @throws RenderException one line: unsupported platform, nothing configured to fetch from, or a failed fetch
     */
    public static void ensureLoaded(Source source) {
        if (loadedFrom != null) {
            return;
        }
        synchronized (HelmNativeLibrary.class) {
            if (loadedFrom != null) {
                return;
            }
            ClassLoader own = HelmNativeLibrary.class.getClassLoader();
            if (NativeLibrary.serviceProviderLibrary(own) != null) {
                initialize(own, "the class path");
                return;
            }
            String name = supportedPlatform(ToolPlatform.current(), ToolPlatform.describeCurrent());
            if (source == null || source.cacheDir() == null) {
                throw new RenderException("Helm rendering needs helm-java's native library for " + name
                        + ", which is not on the class path and no repository is configured to fetch it from");
            }
            Path jar;
            try {
                jar = fetch(source, name, helmJavaVersion(), new Download());
            } catch (ToolInstallException e) {
                throw new RenderException("Helm rendering is not available: " + e.getMessage(), e);
            }
            initialize(loader(jar), jar.toString());
        }
    }

    /**
     * The helm-java name of {@code platform}.
     *
     * @throws RenderException naming the machine ({@code described}) when helm-java publishes nothing for it
     */
    static String supportedPlatform(ToolPlatform platform, String described) {
        if (platform == null || !PLATFORMS.contains(platform.toString())) {
            throw new RenderException("Helm rendering is not available on this machine (" + (platform == null
                    ? described : platform) + "): helm-java publishes its native library only for "
                    + String.join(", ", PLATFORMS.stream().sorted().toList()));
        }
        return platform.toString();
    }

    /** Where the native library came from ({@code the class path} or the cached jar), or null before it loaded. */
    public static String loadedFrom() {
        return loadedFrom;
    }

    /**
     * The verified native jar for {@code platform} in the cache, downloading it when it is missing or no longer
     * matches its recorded digest.
     */
    static Path fetch(Source source, String platform, String version, Download download) {
        Path dir = source.cacheDir().resolve(version);
        Path jar = dir.resolve(platform + "-" + version + ".jar");
        Path digest = dir.resolve(platform + "-" + version + ".jar.sha256");
        try {
            if (Files.isRegularFile(jar) && Files.isRegularFile(digest)
                    && Files.readString(digest).strip().equals(Download.sha256(jar))) {
                return jar;
            }
            URI url = source.jar(platform, version);
            String verified = download.fetch("helm-java " + version + " native library (" + platform + ")", url,
                    checksum(url, platform, version), jar);
            Files.writeString(digest, verified + "\n");
            return jar;
        } catch (IOException e) {
            throw new ToolInstallException("helm-java native library: cannot use the cache " + dir + ": " + e, e);
        }
    }

    /** The pinned SHA-256 when the project verified this jar, else the repository's {@code .sha256} file. */
    static Checksum checksum(URI jarUrl, String platform, String version) {
        String pinned = pinned().getProperty(platform + "-" + version);
        return pinned != null ? Checksum.sha256(pinned)
                : Checksum.listedIn(URI.create(jarUrl + ".sha256"), platform + "-" + version + ".jar");
    }

    /** The helm-java version this engine runs with (its lib-api names it); native jars must be the same version. */
    static String helmJavaVersion() {
        Properties p = resource(NativeLibrary.class, "/META-INF/native-libraries.properties");
        String version = p.getProperty("com.marcnuri.jkube-helm.version");
        if (version == null) {
            throw new IllegalStateException("helm-java's lib-api names no version");
        }
        return version;
    }

    private static Properties pinned() {
        return resource(HelmNativeLibrary.class, "helm-native-sha256.properties");
    }

    private static Properties resource(Class<?> owner, String name) {
        Properties p = new Properties();
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static ClassLoader loader(Path jar) {
        try {
            return new URLClassLoader(new URL[] {jar.toUri().toURL()}, HelmNativeLibrary.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Initializes helm-java's library holder with {@code loader} as the context class loader helm-java searches. */
    private static void initialize(ClassLoader loader, String from) {
        if (NativeLibrary.serviceProviderLibrary(loader) == null) {
            throw new RenderException("Helm rendering is not available: " + from + " holds no helm-java native "
                    + "library");
        }
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            Class.forName(Helm.class.getName() + "$HelmLibHolder", true, Helm.class.getClassLoader());
            loadedFrom = from;
        } catch (ClassNotFoundException | LinkageError e) {
            throw new RenderException("Helm rendering is not available: cannot load helm-java's native library from "
                    + from + ": " + e, e);
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
