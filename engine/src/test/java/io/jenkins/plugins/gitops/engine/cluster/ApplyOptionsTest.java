package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApplyOptionsTest {

    @Test
    void defaultsAreServerSideApplyAsOurFieldManagerWithoutForcingConflicts() {
        assertThat(ApplyOptions.defaults())
                .isEqualTo(new ApplyOptions(true, false, "gitops-sync", true, false));
        assertThat(ApplyOptions.defaults().fieldValidation()).isEqualTo("Strict");
    }

    @Test
    void withMethodsChangeOneThing() {
        ApplyOptions o = ApplyOptions.defaults().withServerSide(false).withValidate(false).withDryRun(true)
                .withForceConflicts(true).withFieldManager("team-a");

        assertThat(o).isEqualTo(new ApplyOptions(false, true, "team-a", false, true));
        assertThat(o.fieldValidation()).isEqualTo("Ignore");
        assertThat(o.withFieldManager(" ").fieldManager()).isEqualTo("gitops-sync");
    }

    @ParameterizedTest
    @CsvSource({"foreground,FOREGROUND", "Background,BACKGROUND", " orphan ,ORPHAN"})
    void propagationPolicyParsesArgoCdSyncOptionValues(String text, PropagationPolicy expected) {
        assertThat(PropagationPolicy.parse(text)).isEqualTo(expected);
    }

    @Test
    void unknownPropagationPolicyNamesTheOptionAndTheChoices() {
        assertThatThrownBy(() -> PropagationPolicy.parse("cascade"))
                .hasMessage("PrunePropagationPolicy: unknown value 'cascade' (expected one of foreground, background, orphan)");
    }
}
