package io.jenkins.plugins.gitops.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The machine the numbers were taken on: processors, memory, CPU model, OS, the JVM running the harness (version and
 * options) and the versions of {@code java}, {@code kubectl} and {@code git} as their own commands print them.
 *
 * @param processors available processors ({@code nproc})
 * @param memory total memory from {@code /proc/meminfo}
 * @param cpu CPU model name
 * @param os operating system and kernel
 * @param jvmOptions options of the JVM running the benchmarks
 * @param javaVersion output of {@code java -version}
 * @param kubectlVersion output of {@code kubectl version} (client; server too when a kubeconfig was given)
 * @param gitVersion output of {@code git --version}
 * @param load load averages (1, 5, 15 minutes) when the benchmarks started and ended: other work on the machine
 *     shows up in the numbers, this says how much there was
 * @param overloaded whether a 1-minute load average at start or end exceeded {@code processors}
 */
public record MachineInfo(int processors, String memory, String cpu, String os, String jvmOptions, String javaVersion,
        String kubectlVersion, String gitVersion, String load, boolean overloaded) {

    /** The current load averages from {@code /proc/loadavg} (1, 5, 15 minutes), or "unknown". */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim().split("\\s+");
            return f.length >= 3 ? f[0] + " / " + f[1] + " / " + f[2] : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Collects the information; a command that cannot run is reported as such, not as an error.
     *
     * @param loadAtStart {@link #loadAverage()} taken before the first benchmark
     */
    public static MachineInfo collect(Optional<Path> kubeconfig, String loadAtStart) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> kubectl = new ArrayList<>(List.of("kubectl", "version"));
        kubeconfig.ifPresentOrElse(k -> kubectl.addAll(List.of("--kubeconfig", k.toString())),
                () -> kubectl.add("--client"));
        int processors = Runtime.getRuntime().availableProcessors();
        return new MachineInfo(processors, memory(procLine("/proc/meminfo", "MemTotal")),
                procLine("/proc/cpuinfo", "model name"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                output(List.of(javaBin, "-version")), output(kubectl), output(List.of("git", "--version")),
                "at start " + loadAtStart + ", at end " + loadAverage(),
                exceeds(loadAtStart, processors) || exceeds(loadAverage(), processors));
    }

    private static boolean exceeds(String load, int processors) {
        try {
            return Double.parseDouble(load.split(" ")[0]) > processors;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code 24684084 kB} as {@code 23.5 GiB}. */
    private static String memory(String memTotal) {
        String[] parts = memTotal.split("\\s+");
        if (parts.length == 2 && parts[0].matches("\\d+") && parts[1].equalsIgnoreCase("kB")) {
            return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(parts[0]) / (1024.0 * 1024.0));
        }
        return memTotal;
    }

    private static String procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + file + " unreadable)";
        }
    }

    private static String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", command) + ": timed out";
            }
            return out;
        } catch (IOException e) {
            return String.join(" ", command) + ": not available (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return String.join(" ", command) + ": interrupted";
        }
    }
}
