package io.jenkins.plugins.gitops.engine.notify;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.appset.TemplateException;
import io.jenkins.plugins.gitops.engine.history.StateStore;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import io.jenkins.plugins.gitops.engine.reconcile.StatusListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Argo CD Notifications over the controller's snapshots: for every application snapshot it evaluates the triggers
 * the application is subscribed to (by annotation {@code notifications.argoproj.io/subscribe.<trigger>.<service>}
 * or by a global subscription whose selector matches), and for each condition that newly holds renders its
 * templates and queues one delivery per service and recipient ({@link DeliveryQueue}). De-duplication follows
 * notifications-engine ({@link NotificationState}). Evaluation is cheap and synchronous; sending is not.
 *
 * <p>An application is judged only after its first comparison (before that its sync status is not known, not
 * Unknown). {@link #deleted} judges it once more with {@code metadata.deletionTimestamp} set and then forgets it.
 */
public final class Notifier implements StatusListener, AutoCloseable {

    public static final String ANNOTATION_PREFIX = "notifications.argoproj.io/subscribe.";

    private final StateStore store;
    private final Clock clock;
    private final EngineLog log;
    private final DeliveryQueue deliveries;
    private final Function<String, String> appUrls;
    private volatile NotificationConfig config = NotificationConfig.empty();
    private final Map<String, NotificationState> states = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> reported = new ConcurrentHashMap<>();

    /**
     * @param launchers the Jenkins job launcher for a {@code jenkins} service (the plugin: in-process; the CLI:
     *                  {@link JenkinsRemoteLauncher} from the service's url), null when none
     * @param appUrls   the application page for a name ({@code .context.appUrl} in templates)
     */
    public Notifier(StateStore store, Clock clock, EngineLog log, DeliveryPolicy policy,
            Function<ServiceConfig, JobLauncher> launchers, Function<String, String> appUrls) {
        this(store, clock, log, appUrls, new DeliveryQueue(senders(launchers), policy, store, clock, log));
    }

    Notifier(StateStore store, Clock clock, EngineLog log, Function<String, String> appUrls, DeliveryQueue queue) {
        this.store = store;
        this.clock = clock;
        this.log = log;
        this.appUrls = appUrls;
        this.deliveries = queue;
    }

    static Map<String, Sender> senders(Function<ServiceConfig, JobLauncher> launchers) {
        Map<String, Sender> m = new LinkedHashMap<>();
        m.put("webhook", new WebhookSender());
        m.put("slack", new SlackSender());
        m.put("github", new GitHubSender());
        m.put("email", new EmailSender());
        m.put("jenkins", new JenkinsJobSender(launchers == null ? s -> null : launchers));
        return m;
    }

    public void configure(NotificationConfig config) {
        this.config = config;
        reported.clear();
    }

    public NotificationConfig config() {
        return config;
    }

    @Override
    public void published(AppStatus status) {
        observe(status);
    }

    @Override
    public void removed(AppStatus last) {
        deleted(last);
    }

    /** Judges a snapshot; call it whenever the controller publishes one. */
    public void observe(AppStatus status) {
        if (status.comparison() == null || status.application() == null) {
            return;
        }
        evaluate(status, AppDocument.of(status, null));
    }

    /** The application was removed: on-deleted and the like fire now, then its notification state is dropped. */
    public void deleted(AppStatus status) {
        if (status.application() == null) {
            return;
        }
        evaluate(status, AppDocument.of(status, clock.instant()));
        synchronized (this) {
            states.remove(status.name());
            reported.remove(status.name());
            new NotificationState().save(store, status.name()); // a re-created app starts afresh, as in Argo CD
        }
    }

    public List<DeliveryRecord> deliveries(String app) {
        return deliveries.records(app);
    }

    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return deliveries.awaitIdle(timeout);
    }

    @Override
    public void close() {
        deliveries.close();
    }

    /** The subscriptions that concern an application: its annotations' and the matching global ones. */
    public List<Subscription> subscriptions(AppStatus status, List<String> problems) {
        NotificationConfig c = config;
        List<Subscription> out = new ArrayList<>();
        Map<String, String> annotations = status.application().annotations() == null ? Map.of()
                : status.application().annotations();
        annotations.forEach((k, v) -> {
            if (!k.startsWith(ANNOTATION_PREFIX)) {
                return;
            }
            String rest = k.substring(ANNOTATION_PREFIX.length());
            int dot = rest.indexOf('.');
            List<String> triggers = dot < 0 ? c.defaultTriggers() : List.of(rest.substring(0, dot));
            String service = dot < 0 ? rest : rest.substring(dot + 1);
            List<String> recipients = new ArrayList<>();
            for (String r : (v == null ? "" : v).split("[;,]")) {
                if (!r.isBlank()) {
                    recipients.add(r.trim());
                }
            }
            if (dot < 0 && triggers.isEmpty()) {
                problems.add("annotation " + k + ": no trigger named and no defaultTriggers configured");
            }
            if (!c.services().containsKey(service)) {
                problems.add("annotation " + k + ": unknown service '" + service + "'"
                        + (c.services().isEmpty() ? " (no services configured)"
                        : "; known: " + String.join(", ", c.services().keySet())));
                return;
            }
            for (String t : triggers) {
                if (!c.triggers().containsKey(t)) {
                    problems.add("annotation " + k + ": unknown trigger '" + t + "'");
                    continue;
                }
                out.add(new Subscription(t, service, List.copyOf(recipients), Map.of()));
            }
        });
        Map<String, String> labels = status.application().labels() == null ? Map.of() : status.application().labels();
        c.subscriptions().stream().filter(s -> s.selects(labels)).forEach(out::add);
        return out;
    }

    private synchronized void evaluate(AppStatus status, Map<String, Object> app) {
        NotificationConfig c = config;
        String name = status.name();
        List<String> problems = new ArrayList<>();
        List<Subscription> subs = subscriptions(status, problems);
        for (String p : problems) {
            report(name, p);
        }
        if (subs.isEmpty()) {
            return;
        }
        NotificationState state = states.computeIfAbsent(name, n -> NotificationState.load(store, n));
        Map<String, Object> env = Map.of("app", app);
        boolean changed = false;
        // destinations per trigger, in a stable order, without duplicates (annotation and global may overlap)
        Map<String, Set<List<String>>> destinations = new LinkedHashMap<>();
        for (Subscription s : subs) {
            Set<List<String>> d = destinations.computeIfAbsent(s.trigger(), t -> new LinkedHashSet<>());
            if (s.recipients().isEmpty()) {
                d.add(List.of(s.service(), ""));
            }
            s.recipients().forEach(r -> d.add(List.of(s.service(), r)));
        }
        for (Map.Entry<String, Set<List<String>>> e : destinations.entrySet()) {
            Trigger t = c.triggers().get(e.getKey());
            for (int i = 0; i < t.conditions().size(); i++) {
                Trigger.Condition cond = t.conditions().get(i);
                boolean holds;
                String oncePer = "";
                try {
                    holds = cond.when().test(env);
                    if (holds && cond.oncePer() != null) {
                        Object v = cond.oncePer().evaluate(env);
                        oncePer = v == null ? "" : String.valueOf(v);
                    }
                } catch (ExprException ex) {
                    report(name, "trigger " + t.name() + "[" + i + "]: " + ex.getMessage());
                    continue;
                }
                for (List<String> dest : e.getValue()) {
                    String key = NotificationState.key(oncePer, t.name(), i, dest.get(0), dest.get(1));
                    if (!holds) {
                        if (cond.oncePer() == null) {
                            changed |= state.remove(key);
                        }
                        continue;
                    }
                    if (state.contains(key)) {
                        continue;
                    }
                    state.add(key, clock.instant().getEpochSecond());
                    changed = true;
                    send(c, name, t.name(), cond, dest.get(0), dest.get(1), app);
                }
            }
        }
        if (changed) {
            try {
                state.save(store, name);
            } catch (RuntimeException ex) {
                log.warn(name + ": could not save notification state: " + ex.getMessage());
            }
        }
    }

    private void send(NotificationConfig c, String app, String trigger, Trigger.Condition cond, String service,
            String recipient, Map<String, Object> doc) {
        ServiceConfig svc = c.services().get(service);
        String appUrl = appUrls == null ? "" : appUrls.apply(app);
        for (String templateName : cond.send()) {
            Template template = c.templates().get(templateName);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("app", doc);
            Map<String, Object> context = new LinkedHashMap<>(c.context());
            context.put("appUrl", appUrl == null ? "" : appUrl);
            data.put("context", context);
            data.put("serviceType", svc.type());
            data.put("notificationType", svc.type());
            data.put("recipient", recipient);
            data.put("trigger", trigger);
            data.put("failedResources", AppDocument.failedResources(doc));
            Map<String, Object> rendered;
            try {
                rendered = template.render(data);
            } catch (TemplateException ex) {
                deliveries.reject(app, trigger, templateName, service, recipient, "template " + templateName + ": "
                        + ex.getMessage(), c.secretValues());
                continue;
            }
            log.info(app + ": " + trigger + " -> " + templateName + " to " + service
                    + (recipient.isEmpty() ? "" : ":" + recipient));
            deliveries.submit(new Notification(app, trigger, templateName, svc, recipient, rendered, doc, appUrl),
                    c.secretValues());
        }
    }

    /** A configuration problem seen while judging an application: logged and listed once per distinct message. */
    private void report(String app, String problem) {
        if (reported.computeIfAbsent(app, a -> ConcurrentHashMap.newKeySet()).add(problem)) {
            log.warn(app + ": notifications: " + problem);
            deliveries.reject(app, "", "", "", "", problem, config.secretValues());
        }
    }
}
