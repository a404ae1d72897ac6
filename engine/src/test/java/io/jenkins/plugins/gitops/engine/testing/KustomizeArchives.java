package io.jenkins.plugins.gitops.engine.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Kustomize release archives made in the test, laid out as kubernetes-sigs/kustomize publishes them (one
 * {@code kustomize} binary at the top of a {@code .tar.gz}, or {@code kustomize.exe} in a {@code .zip}). No kustomize
 * release can be downloaded here, so the archive holds the real {@code kustomize} when the machine has one, and
 * otherwise a stand-in: a shell script answering {@code kustomize build DIR} with {@code kubectl kustomize DIR} (the
 * same Kustomize library, compiled into kubectl) next to a copy of the machine's kubectl, so the installed tool needs
 * nothing else from the machine.
 */
public final class KustomizeArchives {

    static final String STAND_IN = """
            #!/bin/sh
            # kustomize stand-in made by the tests: 'kustomize build DIR' runs 'kubectl kustomize DIR' with the kubectl
            # shipped next to this script (kubectl compiles in the same Kustomize library)
            if [ "$1" != build ]; then echo "kustomize stand-in: only 'build' is supported" >&2; exit 2; fi
            shift
            exec "$(dirname "$0")/kubectl" kustomize "$@"
            """;

    private KustomizeArchives() {}

    /** The files of a kustomize archive: name to (source file or null, text content or null). */
    public static Map<String, Object> contents() {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Path> kustomize = onPath("kustomize");
        if (kustomize.isPresent()) {
            out.put("kustomize", kustomize.get());
            return out;
        }
        Path kubectl = kubectl().orElseThrow(() -> new IllegalStateException(
                "neither kustomize nor kubectl is on the PATH or in $KUBE_API_TEST_DIR: no Kustomize to package"));
        out.put("kustomize", STAND_IN);
        out.put("kubectl", kubectl);
        return out;
    }

    /** A {@code .tar.gz} like {@code kustomize_vX_linux_amd64.tar.gz}, written by the machine's {@code tar}. */
    public static Path tarGz(Path file) {
        try {
            Path staging = Files.createTempDirectory(file.toAbsolutePath().getParent(), "kustomize-archive");
            List<String> command = new ArrayList<>(List.of("tar", "-C", staging.toString(), "-I", "gzip -1",
                    "-chf", file.toAbsolutePath().toString()));
            for (Map.Entry<String, Object> e : contents().entrySet()) {
                Path target = staging.resolve(e.getKey());
                if (e.getValue() instanceof String text) {
                    Files.writeString(target, text);
                } else {
                    Files.createSymbolicLink(target, ((Path) e.getValue()).toRealPath());
                }
                target.toFile().setExecutable(true, false);
                command.add(e.getKey());
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("tar failed: " + out);
            }
            try (Stream<Path> files = Files.list(staging)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(staging);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return file;
    }

    /** A {@code .zip} with every file under {@code dir/} (the installer must find the binary below the top). */
    public static Path zip(Path file, String dir) {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            zip.setLevel(1);
            for (Map.Entry<String, Object> e : contents().entrySet()) {
                zip.putNextEntry(new ZipEntry(dir + "/" + e.getKey()));
                if (e.getValue() instanceof String s) {
                    zip.write(s.getBytes(StandardCharsets.UTF_8));
                } else {
                    Files.copy(((Path) e.getValue()).toRealPath(), zip);
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A {@code checksums.txt} line as kustomize releases write them. */
    public static String checksumLine(Path archive) {
        return sha256(archive) + "  " + archive.getFileName() + "\n";
    }

    public static String sha256(Path file) {
        try (var in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The machine's kubectl: on the PATH, else the harness's ({@code $KUBE_API_TEST_DIR/k8s/<version>/kubectl}). */
    public static Optional<Path> kubectl() {
        Optional<Path> p = onPath("kubectl");
        if (p.isPresent()) {
            return p;
        }
        String dir = System.getenv("KUBE_API_TEST_DIR");
        if (dir == null || !Files.isDirectory(Path.of(dir, "k8s"))) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(Path.of(dir, "k8s"))) {
            return versions.map(v -> v.resolve("kubectl")).filter(Files::isExecutable).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(java.io.File.pathSeparator)).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name)).filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }
}
