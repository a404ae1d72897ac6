package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.NamedExtension;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Utils;
import io.jenkins.plugins.gitops.engine.model.Yaml;

/**
 * A fabric8 client {@link Config} from the text of a kubeconfig: exactly what fabric8's
 * {@code Config.fromKubeconfig(context, text, null)} makes (its own merge of contexts, clusters and users, credential
 * plugins, auth providers, then system properties and environment variables unless auto-configuration is disabled),
 * except that the YAML is read into fabric8's kubeconfig model by our Jackson mapper. fabric8's own reader goes through
 * its Kubernetes serialization, whose first use registers every model class it knows (about a thousand): 300-400 ms
 * of a one-shot command's start on two cores. A text our mapper refuses (duplicate keys, say) is left to fabric8, so
 * the result and the errors are never worse than fabric8's. One thing is added: a token from a credential plugin
 * ({@code exec}) is renewed by running the plugin again ({@link ExecTokenRenewal}), which fabric8 does only for a
 * kubeconfig file.
 */
public final class KubeconfigText {

    /**
     * Our YAML mapper, reading a kubeconfig's {@code extensions} as plain maps: fabric8's model reads them with its
     * Kubernetes deserializer (the registration above), and nothing that makes a client uses them.
     */
    private static final ObjectMapper MAPPER = Yaml.YAML.copy().addMixIn(NamedExtension.class, PlainExtension.class);

    private abstract static class PlainExtension {
        @JsonDeserialize(using = JsonDeserializer.None.class)
        Object extension;

        @JsonDeserialize(using = JsonDeserializer.None.class)
        abstract void setExtension(Object extension);
    }

    private KubeconfigText() {}

    /**
     * @param context null or blank for the file's current-context
     */
    public static Config config(String kubeconfig, String context) {
        return config(kubeconfig, context, System::nanoTime);
    }

    /** As above; {@code nanoClock} times the renewal of a credential plugin's token (tests). */
    @SuppressWarnings("removal") // the fallback is the method this class stands in for
    static Config config(String kubeconfig, String context, java.util.function.LongSupplier nanoClock) {
        String ctx = context == null || context.isBlank() ? null : context;
        io.fabric8.kubernetes.api.model.Config model;
        try {
            model = MAPPER.readValue(kubeconfig, io.fabric8.kubernetes.api.model.Config.class);
        } catch (java.io.IOException | RuntimeException e) {
            return Config.fromKubeconfig(ctx, kubeconfig, null);
        }
        if (model == null) {
            return Config.fromKubeconfig(ctx, kubeconfig, null);
        }
        Config config = Config.empty();
        KubeConfigUtils.merge(config, ctx, model);
        if (!Utils.getSystemPropertyOrEnvVar(Config.KUBERNETES_DISABLE_AUTO_CONFIG_SYSTEM_PROPERTY, false)) {
            Config.configFromSysPropsOrEnvVars(config);
        }
        renewExecToken(config, model, () -> config(kubeconfig, context, nanoClock).getAutoOAuthToken(), nanoClock);
        return config;
    }

    /**
     * A token from a credential plugin is renewed by running the plugin again ({@link ExecTokenRenewal}); fabric8
     * would only renew it from a kubeconfig file, and text has none.
     */
    private static void renewExecToken(Config config, io.fabric8.kubernetes.api.model.Config model,
            java.util.function.Supplier<String> rerun, java.util.function.LongSupplier nanoClock) {
        String first = config.getAutoOAuthToken();
        if (first == null || first.isEmpty() || config.getOauthTokenProvider() != null
                || config.getCurrentContext() == null || config.getCurrentContext().getContext() == null
                || model.getUsers() == null) {
            return;
        }
        String user = config.getCurrentContext().getContext().getUser();
        boolean exec = model.getUsers().stream().anyMatch(u -> u.getName() != null && u.getName().equals(user)
                && u.getUser() != null && u.getUser().getExec() != null);
        if (exec) {
            config.setOauthTokenProvider(new ExecTokenRenewal(rerun, first, nanoClock));
        }
    }
}
