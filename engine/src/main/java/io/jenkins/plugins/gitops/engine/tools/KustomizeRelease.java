package io.jenkins.plugins.gitops.engine.tools;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * A kustomize release for one platform: the archive URL and the checksum file URL, each from a template with
 * {@code {version}}, {@code {os}}, {@code {arch}} and {@code {ext}} ({@code tar.gz}, or {@code zip} on Windows, as
 * kustomize publishes them). The defaults are the GitHub release URLs of kubernetes-sigs/kustomize; a mirror keeps
 * the same names under its own URL. An explicit SHA-256 replaces the checksum file.
 */
public record KustomizeRelease(String version, String urlTemplate, String checksumsTemplate, String sha256) {

    public static final String DEFAULT_VERSION = "5.7.1";
    public static final String DEFAULT_URL_TEMPLATE = "https://github.com/kubernetes-sigs/kustomize/releases/download/"
            + "kustomize%2Fv{version}/kustomize_v{version}_{os}_{arch}.{ext}";
    public static final String DEFAULT_CHECKSUMS_TEMPLATE = "https://github.com/kubernetes-sigs/kustomize/releases/"
            + "download/kustomize%2Fv{version}/checksums.txt";

    public KustomizeRelease {
        version = blankTo(version, DEFAULT_VERSION).replaceFirst("^v", "");
        urlTemplate = blankTo(urlTemplate, DEFAULT_URL_TEMPLATE);
        checksumsTemplate = blankTo(checksumsTemplate, DEFAULT_CHECKSUMS_TEMPLATE);
        sha256 = sha256 == null || sha256.isBlank() ? null : Checksum.sha256(sha256).literal();
    }

    /** The archive's URL for {@code platform}. */
    public URI archive(ToolPlatform platform) {
        return URI.create(expand(urlTemplate, platform));
    }

    /** Where the archive's expected SHA-256 comes from. */
    public Checksum checksum(ToolPlatform platform) {
        if (sha256 != null) {
            return Checksum.sha256(sha256);
        }
        String path = archive(platform).getPath();
        return Checksum.listedIn(URI.create(expand(checksumsTemplate, platform)),
                path.substring(path.lastIndexOf('/') + 1));
    }

    /** Installs (or reuses) this release under {@code toolsDir/kustomize-<version>-<platform>}; the binary's path. */
    public Path install(ArchiveInstaller installer, ToolPlatform platform, Path installDir) {
        return installer.install("kustomize " + version + " (" + platform + ")", archive(platform), checksum(platform),
                installDir, platform.executable("kustomize"));
    }

    /** The binary of an earlier install of this release under {@code installDir}, or null. */
    public Path installed(ToolPlatform platform, Path installDir) {
        return ArchiveInstaller.installed(archive(platform), checksum(platform), installDir,
                platform.executable("kustomize"));
    }

    private String expand(String template, ToolPlatform platform) {
        String out = template;
        for (Map.Entry<String, String> e : Map.of("{version}", version, "{os}", platform.os(), "{arch}",
                platform.arch(), "{ext}", platform.windows() ? "zip" : "tar.gz").entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
