package io.jenkins.plugins.gitops.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.jar.JarFile;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Helpers shared by the acceptance classes that came after {@link RealJenkinsAcceptanceTest}: waiting on a condition
 * (never on a sleep), build assertions, and the users the permission checks need, set up at runtime whichever class
 * runs first on the shared {@link RealJenkins}.
 */
final class Acceptance {

    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-pass";
    static final String READER = "reader";
    static final String READER_PASSWORD = "reader-pass";

    private Acceptance() {}

    static void awaitTrue(Duration timeout, BooleanSupplier condition, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Processes.sleep(200);
        }
    }

    /**
     * Creates namespace {@code ns} (or keeps it) and waits for its default ServiceAccount, so a Pod a sync then
     * creates there is admitted at once.
     */
    static void namespaceReadyForPods(io.fabric8.kubernetes.client.KubernetesClient k, String ns) {
        k.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(ns)
                .endMetadata().build()).createOr(n -> n.update());
        awaitTrue(Duration.ofSeconds(60), () -> k.serviceAccounts().inNamespace(ns).withName("default").get() != null,
                "the default ServiceAccount of " + ns);
    }

    static void assertSucceeded(JenkinsClient.Build b) {
        assertThat(b.result()).as(b.job() + " #" + b.number() + " console:\n" + b.console()).isEqualTo("SUCCESS");
    }

    /**
     * Jenkins' own user database with an administrator and a read-only user (Overall/Read and Item/Read), the same
     * accounts {@link RealJenkinsAcceptanceTest}'s security test creates (it creates them again, harmlessly, when it
     * runs after); the suite's admin client then logs in as the administrator.
     */
    static synchronized void ensureUsers(RealJenkins jenkins) {
        String out = jenkins.admin().groovy("""
                import hudson.security.ACL
                import hudson.security.GlobalMatrixAuthorizationStrategy
                import hudson.security.HudsonPrivateSecurityRealm
                import jenkins.model.Jenkins
                import org.jenkinsci.plugins.matrixauth.AuthorizationType
                import org.jenkinsci.plugins.matrixauth.PermissionEntry

                def j = Jenkins.get()
                def ctx = ACL.as2(ACL.SYSTEM2)
                try {
                  def realm = j.securityRealm instanceof HudsonPrivateSecurityRealm ? j.securityRealm
                      : new HudsonPrivateSecurityRealm(false)
                  if (realm.getUser('@ADMIN@') == null) { realm.createAccount('@ADMIN@', '@APASS@') }
                  if (realm.getUser('@READER@') == null) { realm.createAccount('@READER@', '@RPASS@') }
                  if (realm.getUser('outsider') == null) { realm.createAccount('outsider', 'outsider-pass') }
                  j.securityRealm = realm
                  if (!(j.authorizationStrategy instanceof GlobalMatrixAuthorizationStrategy)) {
                    def s = new GlobalMatrixAuthorizationStrategy()
                    s.add(Jenkins.ADMINISTER, new PermissionEntry(AuthorizationType.USER, '@ADMIN@'))
                    s.add(Jenkins.READ, new PermissionEntry(AuthorizationType.USER, '@READER@'))
                    s.add(hudson.model.Item.READ, new PermissionEntry(AuthorizationType.USER, '@READER@'))
                    s.add(Jenkins.READ, new PermissionEntry(AuthorizationType.USER, 'outsider'))
                    j.authorizationStrategy = s
                  }
                  j.save()
                } finally {
                  ctx.close()
                }
                println 'users ready'
                """.replace("@ADMIN@", ADMIN).replace("@APASS@", ADMIN_PASSWORD).replace("@READER@", READER)
                .replace("@RPASS@", READER_PASSWORD));
        assertThat(out).as("script console output").contains("users ready");
        jenkins.useAdmin(ADMIN, ADMIN_PASSWORD);
    }

    /** A Groovy single-quoted string literal. */
    static String quoted(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The {@code X-Hub-Signature-256} value GitHub sends for {@code payload} signed with {@code secret}. */
    static String githubSignature(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * The built {@code cli/target/gitops.jar}. With {@code mvn -T 2} (the README's test command) the cli module
     * builds beside this one and packages its jar after its own tests, so this waits for a complete jar (one that
     * opens and names its main class) for up to 25 minutes; with a plain {@code mvn verify} it is already there.
     */
    static Path cliJar(Path projectRoot) {
        Path jar = projectRoot.resolve("cli/target/gitops.jar");
        awaitTrue(Duration.ofMinutes(25), () -> complete(jar), jar + " (built by the cli module: mvn -pl cli package)");
        return jar;
    }

    private static boolean complete(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null && file.getManifest().getMainAttributes().getValue("Main-Class") != null;
        } catch (IOException e) {
            return false; // still being written
        }
    }
}
