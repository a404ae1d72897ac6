package io.jenkins.plugins.gitops.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine is plain Java: it never depends on Jenkins, Stapler or any Jenkins plugin type. */
class EngineArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.gitops.engine");

    @Test
    void engineNeverImportsJenkinsTypes() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke.stapler..", "org.jenkinsci..")
                .because("all GitOps semantics are plain Java; the plugin module is the only Jenkins glue")
                .check(ENGINE);
    }

    @Test
    void engineHasClassesToCheck() {
        org.assertj.core.api.Assertions.assertThat(ENGINE.size()).isGreaterThan(10);
    }
}
