package io.jenkins.plugins.gitops.engine.diff;

/**
 * One normalisation step applied to the desired and live trees of a resource before they are compared. Steps see
 * both sides at once because several rules are relative ("remove what the HPA owns in the live object from both
 * sides"). Steps run in the order of {@link NormalizerChain}; each edits the trees of the {@link ResourcePair} in
 * place and must leave an absent side absent.
 */
interface Normalizer {

    void normalize(ResourcePair pair);
}
