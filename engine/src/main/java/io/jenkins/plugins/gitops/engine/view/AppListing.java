package io.jenkins.plugins.gitops.engine.view;

import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The dashboard's list of applications after its filters and sort, with counts by health and sync status: what
 * Argo CD's applications page shows. Filters are the query parameters of the page (so a filtered view is a link):
 * {@code health}, {@code sync}, {@code project}, {@code cluster}, {@code namespace}, {@code owner} (exact match;
 * empty means any) and {@code q} (case-insensitive text in the name, repository, path, namespace, project or owning
 * job). {@code sort} is one of {@link Sort}; {@code view} is {@code tiles} or {@code list}. Values not offered are
 * ignored rather than failing the page. The {@code options} are the distinct values present, for the filter menus.
 */
public final class AppListing {

    /** Sort orders offered on the page; the first is the default. */
    public enum Sort {
        name("Name", Comparator.comparing(AppStatus::name)),
        health("Health (worst first)", Comparator.comparing(AppListing::healthRank).reversed()
                .thenComparing(AppStatus::name)),
        sync("Sync status", Comparator.comparing(AppListing::syncOf).thenComparing(AppStatus::name)),
        project("Project", Comparator.comparing((AppStatus s) -> projectOf(s)).thenComparing(AppStatus::name)),
        owner("Job", Comparator.comparing((AppStatus s) -> s.owner() == null ? "" : s.owner())
                .thenComparing(AppStatus::name));

        private final String label;
        private final Comparator<AppStatus> order;

        Sort(String label, Comparator<AppStatus> order) {
            this.label = label;
            this.order = order;
        }

        public String getLabel() {
            return label;
        }

        public String getValue() {
            return name();
        }

        static Sort parse(String s) {
            for (Sort v : values()) {
                if (v.name().equals(s)) {
                    return v;
                }
            }
            return name;
        }
    }

    /** The filters of one request; empty strings mean "any". */
    public record Filter(String health, String sync, String project, String cluster, String namespace, String owner,
            String text, Sort sort, boolean tiles) {

        public Filter {
            health = trim(health);
            sync = trim(sync);
            project = trim(project);
            cluster = trim(cluster);
            namespace = trim(namespace);
            owner = trim(owner);
            text = trim(text);
            sort = sort == null ? Sort.name : sort;
        }

        /** From request parameters (a missing parameter reads as null). */
        public static Filter of(Function<String, String> parameter) {
            return new Filter(parameter.apply("health"), parameter.apply("sync"), parameter.apply("project"),
                    parameter.apply("cluster"), parameter.apply("namespace"), parameter.apply("owner"),
                    parameter.apply("q"), Sort.parse(parameter.apply("sort")), !"list".equals(parameter.apply("view")));
        }

        /**
         * A link ({@code ?a=b&c=d}) to this filter with {@code param} set to {@code value} (empty removes it): what
         * a count, a view toggle or a sort option links to. Parameters at their default are left out.
         */
        public String with(String param, String value) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("health", health);
            p.put("sync", sync);
            p.put("project", project);
            p.put("cluster", cluster);
            p.put("namespace", namespace);
            p.put("owner", owner);
            p.put("q", text);
            p.put("sort", sort == Sort.name ? "" : sort.name());
            p.put("view", tiles ? "" : "list");
            if (!p.containsKey(param)) {
                throw new IllegalArgumentException("no dashboard parameter " + param);
            }
            p.put(param, value == null ? "" : value);
            StringBuilder q = new StringBuilder("?");
            p.forEach((k, v) -> {
                if (!v.isEmpty() && !("view".equals(k) && "tiles".equals(v)) && !("sort".equals(k) && "name".equals(v))) {
                    q.append(q.length() == 1 ? "" : "&").append(k).append('=').append(Markup.query(v));
                }
            });
            return q.length() == 1 ? "." : q.toString();
        }

        public boolean isActive() {
            return !(health + sync + project + cluster + namespace + owner + text).isEmpty();
        }

        boolean accepts(AppStatus s) {
            return matches(health, healthOf(s)) && matches(sync, syncOf(s)) && matches(project, projectOf(s))
                    && matches(cluster, clusterOf(s)) && matches(namespace, namespaceOf(s))
                    && matches(owner, s.owner() == null ? "" : s.owner()) && containsText(s);
        }

        private boolean containsText(AppStatus s) {
            if (text.isEmpty()) {
                return true;
            }
            String needle = text.toLowerCase(Locale.ROOT);
            Application a = s.application();
            List<String> haystack = new ArrayList<>(List.of(s.name(), s.owner() == null ? "" : s.owner(),
                    projectOf(s), namespaceOf(s)));
            if (a != null && a.source() != null) {
                haystack.add(Objects.toString(a.source().repoURL(), ""));
                haystack.add(Objects.toString(a.source().path(), ""));
            }
            return haystack.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).contains(needle));
        }

        private static boolean matches(String wanted, String actual) {
            return wanted.isEmpty() || wanted.equals(actual);
        }

        private static String trim(String s) {
            return s == null ? "" : s.trim();
        }
    }

    private final Filter filter;
    private final List<AppStatus> apps;
    private final int total;
    private final Map<String, Integer> healthCounts;
    private final Map<String, Integer> syncCounts;
    private final Map<String, List<String>> options;

    private AppListing(Filter filter, List<AppStatus> apps, int total, Map<String, Integer> healthCounts,
            Map<String, Integer> syncCounts, Map<String, List<String>> options) {
        this.filter = filter;
        this.apps = apps;
        this.total = total;
        this.healthCounts = healthCounts;
        this.syncCounts = syncCounts;
        this.options = options;
    }

    /** Filters and sorts {@code readable} (the applications the user may see). */
    public static AppListing of(List<AppStatus> readable, Filter filter) {
        List<AppStatus> shown = underParents(readable.stream().filter(filter::accepts).sorted(filter.sort().order)
                .toList());
        Map<String, Integer> health = new LinkedHashMap<>();
        for (HealthStatus h : HealthStatus.values()) {
            health.put(h.name(), 0);
        }
        Map<String, Integer> sync = new LinkedHashMap<>();
        for (String s : List.of("Synced", "OutOfSync", "Unknown")) {
            sync.put(s, 0);
        }
        for (AppStatus s : shown) {
            health.merge(healthOf(s), 1, Integer::sum);
            sync.merge(syncOf(s), 1, Integer::sum);
        }
        Map<String, List<String>> options = new LinkedHashMap<>();
        options.put("project", distinct(readable, AppListing::projectOf));
        options.put("cluster", distinct(readable, AppListing::clusterOf));
        options.put("namespace", distinct(readable, AppListing::namespaceOf));
        options.put("owner", distinct(readable, s -> s.owner() == null ? "" : s.owner()));
        return new AppListing(filter, shown, readable.size(), health, sync, options);
    }

    /**
     * App of apps: each child right below its parent (in the sort order among its siblings, recursively), so a
     * parent's children are listed under it; a child whose parent is not shown (filtered out, or not readable) keeps
     * its own place.
     */
    static List<AppStatus> underParents(List<AppStatus> sorted) {
        java.util.Set<String> shownNames = new java.util.HashSet<>();
        sorted.forEach(s -> shownNames.add(s.name()));
        Map<String, List<AppStatus>> childrenOf = new LinkedHashMap<>();
        List<AppStatus> roots = new java.util.ArrayList<>();
        for (AppStatus s : sorted) {
            if (s.parent() != null && !s.parent().equals(s.name()) && shownNames.contains(s.parent())) {
                childrenOf.computeIfAbsent(s.parent(), k -> new java.util.ArrayList<>()).add(s);
            } else {
                roots.add(s);
            }
        }
        List<AppStatus> out = new java.util.ArrayList<>(sorted.size());
        java.util.Set<String> placed = new java.util.HashSet<>();
        for (AppStatus r : roots) {
            place(r, childrenOf, out, placed);
        }
        for (AppStatus s : sorted) {
            place(s, childrenOf, out, placed); // a cycle of parents (never created, but never lost either)
        }
        return List.copyOf(out);
    }

    private static void place(AppStatus s, Map<String, List<AppStatus>> childrenOf, List<AppStatus> out,
            java.util.Set<String> placed) {
        if (!placed.add(s.name())) {
            return;
        }
        out.add(s);
        for (AppStatus c : childrenOf.getOrDefault(s.name(), List.of())) {
            place(c, childrenOf, out, placed);
        }
    }

    private static List<String> distinct(List<AppStatus> apps, Function<AppStatus, String> field) {
        TreeSet<String> values = new TreeSet<>();
        apps.forEach(a -> values.add(field.apply(a)));
        values.remove("");
        return List.copyOf(values);
    }

    public Filter getFilter() {
        return filter;
    }

    /** The applications that pass the filter, sorted. */
    public List<AppStatus> getApplications() {
        return apps;
    }

    /** How many applications the user may see before filtering. */
    public int getTotal() {
        return total;
    }

    /** Shown applications per health status, every status present (zero included), best first. */
    public Map<String, Integer> getHealthCounts() {
        return healthCounts;
    }

    /** Shown applications per sync status: Synced, OutOfSync, Unknown. */
    public Map<String, Integer> getSyncCounts() {
        return syncCounts;
    }

    /** Distinct values of {@code project}, {@code cluster}, {@code namespace} and {@code owner}, sorted. */
    public Map<String, List<String>> getOptions() {
        return options;
    }

    public static String healthOf(AppStatus s) {
        AppComparison c = s.comparison();
        return c == null || c.health() == null ? "Unknown" : c.health().status().name();
    }

    public static String syncOf(AppStatus s) {
        AppComparison c = s.comparison();
        return c == null || c.syncStatus() == null ? "Unknown" : c.syncStatus().name();
    }

    static int healthRank(AppStatus s) {
        return HealthStatus.valueOf(healthOf(s)).ordinal();
    }

    static String projectOf(AppStatus s) {
        return s.application() == null || s.application().project() == null ? "" : s.application().project();
    }

    /** The destination cluster's name, else its server URL. */
    public static String clusterOf(AppStatus s) {
        Application a = s.application();
        if (a == null || a.destination() == null) {
            return "";
        }
        String name = a.destination().name();
        return name != null && !name.isEmpty() ? name : Objects.toString(a.destination().server(), "");
    }

    public static String namespaceOf(AppStatus s) {
        Application a = s.application();
        return a == null || a.destination() == null ? "" : Objects.toString(a.destination().namespace(), "");
    }
}
