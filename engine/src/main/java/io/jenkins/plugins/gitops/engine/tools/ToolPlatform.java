package io.jenkins.plugins.gitops.engine.tools;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An operating system and processor architecture as Go release archives name them ({@code linux}/{@code darwin}/
 * {@code windows}, {@code amd64}/{@code arm64}), read from the JVM's {@code os.name} and {@code os.arch}. A machine
 * outside those names has no platform ({@link #of} returns null) and callers say so in their error.
 */
public record ToolPlatform(String os, String arch) {

    /** {@code os.name} prefixes (lower case) to Go's operating system names; first match wins. */
    private static final List<Map.Entry<String, String>> OS_NAMES = List.of(
            Map.entry("linux", "linux"),
            Map.entry("mac", "darwin"),
            Map.entry("darwin", "darwin"),
            Map.entry("windows", "windows"));

    /** {@code os.arch} values to Go's architecture names. */
    private static final Map<String, String> ARCH_NAMES = Map.of(
            "amd64", "amd64",
            "x86_64", "amd64",
            "aarch64", "arm64",
            "arm64", "arm64");

    /** The platform of this JVM, or null when it is none of the known ones. */
    public static ToolPlatform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** The platform for these {@code os.name} and {@code os.arch} values, or null when either is unknown. */
    public static ToolPlatform of(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os = OS_NAMES.stream().filter(e -> name.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse(null);
        String arch = ARCH_NAMES.get(osArch.toLowerCase(Locale.ROOT));
        return os == null || arch == null ? null : new ToolPlatform(os, arch);
    }

    /** How this JVM describes itself, for messages about an unknown platform. */
    public static String describeCurrent() {
        return System.getProperty("os.name", "?") + " " + System.getProperty("os.arch", "?");
    }

    public boolean windows() {
        return os.equals("windows");
    }

    /** The file name of an executable on this platform ({@code kustomize.exe} on Windows). */
    public String executable(String name) {
        return windows() ? name + ".exe" : name;
    }

    /** {@code linux-amd64}. */
    @Override
    public String toString() {
        return os + "-" + arch;
    }
}
