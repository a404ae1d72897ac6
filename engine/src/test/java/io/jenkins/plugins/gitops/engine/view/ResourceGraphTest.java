package io.jenkins.plugins.gitops.engine.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceGraphTest {

    static ResourceNode node(String group, String kind, String name, SyncStatus sync, Health health,
            ResourceNode... children) {
        return new ResourceNode(new ResourceKey(group, kind, "shop", name), "v1", sync, health, false, false,
                List.of(children));
    }

    /** Service web; Deployment web -> ReplicaSet web-7d9f -> Pods a, b; ConfigMap <script>alert(1)</script>. */
    static ResourceTree shop() {
        ResourceNode podA = node("", "Pod", "web-7d9f-a", null, Health.healthy(""));
        ResourceNode podB = node("", "Pod", "web-7d9f-b", null, Health.progressing("starting"));
        ResourceNode rs = node("apps", "ReplicaSet", "web-7d9f", null, Health.healthy(""), podA, podB);
        ResourceNode deploy = node("apps", "Deployment", "web", SyncStatus.Synced, Health.healthy(""), rs);
        ResourceNode svc = node("", "Service", "web", SyncStatus.Synced, Health.healthy(""));
        ResourceNode evil = node("", "ConfigMap", "<script>alert(1)</script>", SyncStatus.OutOfSync, null);
        return new ResourceTree(List.of(evil, deploy, svc));
    }

    @Test
    void columnsFollowOwnership_leavesTakeRowsInOrder_parentsCentredOnTheirChildren() {
        ResourceGraph g = ResourceGraph.layout("shop", "Progressing", "OutOfSync", shop(), Set.of());

        assertThat(g.getNodes()).extracting(ResourceGraph.Node::name).containsExactly("shop",
                "<script>alert(1)</script>", "web", "web-7d9f", "web-7d9f-a", "web-7d9f-b", "web");
        assertThat(g.getNodes()).extracting(ResourceGraph.Node::column).containsExactly(0, 1, 1, 2, 3, 3, 1);
        ResourceGraph.Node deploy = g.getNodes().get(2);
        ResourceGraph.Node rs = g.getNodes().get(3);
        ResourceGraph.Node podA = g.getNodes().get(4);
        ResourceGraph.Node podB = g.getNodes().get(5);
        int row = ResourceGraph.NODE_HEIGHT + ResourceGraph.ROW_GAP;
        assertThat(podB.y() - podA.y()).isEqualTo(row);
        assertThat(rs.y()).isEqualTo((podA.y() + podB.y()) / 2);
        assertThat(deploy.y()).isEqualTo(rs.y());
        assertThat(g.getNodes().get(6).y()).isEqualTo(podB.y() + row);
        assertThat(g.getEdges()).extracting(e -> e.from().name() + "->" + e.to().name()).containsExactlyInAnyOrder(
                "shop-><script>alert(1)</script>", "shop->web", "shop->web", "web->web-7d9f",
                "web-7d9f->web-7d9f-a", "web-7d9f->web-7d9f-b");
        assertThat(g.getHeight()).isEqualTo(2 * ResourceGraph.MARGIN + 4 * row - ResourceGraph.ROW_GAP);
        assertThat(g.getWidth()).isEqualTo(2 * ResourceGraph.MARGIN + 4 * ResourceGraph.NODE_WIDTH
                + 3 * ResourceGraph.COLUMN_GAP);
        assertThat(deploy.health()).isEqualTo("Healthy");
        assertThat(deploy.sync()).isEqualTo("Synced");
        assertThat(rs.sync()).isEmpty();
    }

    @Test
    void collapsingANode_hidesItsDescendants_andCountsThem() {
        String deployId = ResourceGraph.id(new ResourceKey("apps", "Deployment", "shop", "web"));
        ResourceGraph g = ResourceGraph.layout("shop", "Healthy", "Synced", shop(), Set.of(deployId));

        assertThat(g.getNodes()).extracting(ResourceGraph.Node::name)
                .containsExactly("shop", "<script>alert(1)</script>", "web", "web");
        ResourceGraph.Node deploy = g.getNodes().get(2);
        assertThat(deploy.collapsed()).isTrue();
        assertThat(deploy.hiddenDescendants()).isEqualTo(3);
        assertThat(g.toggled(deployId)).isEmpty();
        assertThat(g.toggled(ResourceGraph.APP_ID)).containsExactly(ResourceGraph.APP_ID, deployId);

        ResourceGraph all = ResourceGraph.layout("shop", "Healthy", "Synced", shop(), Set.of(ResourceGraph.APP_ID));
        assertThat(all.getNodes()).hasSize(1);
        assertThat(all.getNodes().get(0).hiddenDescendants()).isEqualTo(6);
    }

    @Test
    void ids_roundTrip_evenWithSlashesInTheName_andBadIdsAreRefusedWithTheId() {
        ResourceKey key = new ResourceKey("", "ConfigMap", "shop", "</script>");
        assertThat(ResourceGraph.parseId(ResourceGraph.id(key))).isEqualTo(key);
        ResourceKey cluster = new ResourceKey("rbac.authorization.k8s.io", "ClusterRole", "", "view");
        assertThat(ResourceGraph.parseId(ResourceGraph.id(cluster))).isEqualTo(cluster);
        assertThatThrownBy(() -> ResourceGraph.parseId("Pod/x")).hasMessageContaining("'Pod/x'");
    }

    @Test
    void svg_escapesEveryUserString_labelsStatusesInWords_andLinksDetailsAndToggles() {
        String svg = ResourceGraphSvg.render(ResourceGraph.layout("<b>shop</b>", "Progressing", "OutOfSync",
                shop(), Set.of()));

        assertThat(svg).doesNotContain("<script>").doesNotContain("<b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;shop&lt;/b&gt;");
        assertThat(svg).contains("href=\"resource/?id=apps%2FDeployment%2Fshop%2Fweb\"",
                "aria-label=\"Deployment web, health Healthy, sync Synced\"",
                "aria-label=\"Pod web-7d9f-b, health Progressing\"",
                "aria-label=\"Collapse Deployment web\"",
                "href=\"?view=graph&amp;collapsed=apps%2FDeployment%2Fshop%2Fweb\"",
                "\u2665 Healthy", "\u2191 OutOfSync", ">deploy<", ">rs<", ">pod<", ">svc<", ">cm<");
        assertThat(svg).startsWith("<svg").endsWith("</svg>");
        // well-formed XML: a parser accepts it
        assertThat(parses(svg)).isTrue();
    }

    @Test
    void aThousandNodeApplication_laysOutEveryNodeOnce() {
        List<ResourceNode> roots = new ArrayList<>();
        for (int d = 0; d < 100; d++) {
            List<ResourceNode> pods = new ArrayList<>();
            for (int p = 0; p < 7; p++) {
                pods.add(node("", "Pod", "app-" + d + "-rs-" + p, null, Health.healthy("")));
            }
            ResourceNode rs = node("apps", "ReplicaSet", "app-" + d + "-rs", null, Health.healthy(""),
                    pods.toArray(ResourceNode[]::new));
            roots.add(node("apps", "Deployment", "app-" + d, SyncStatus.Synced, Health.healthy(""), rs));
            roots.add(node("", "Service", "app-" + d, SyncStatus.Synced, Health.healthy("")));
        }
        ResourceTree tree = new ResourceTree(roots);
        ResourceGraph g = ResourceGraph.layout("big", "Healthy", "Synced", tree, Set.of());
        assertThat(g.getNodes()).hasSize(1 + 1000);
        assertThat(g.getNodes()).extracting(ResourceGraph.Node::id).doesNotHaveDuplicates();
        assertThat(g.getEdges()).hasSize(1000);
        assertThat(parses(ResourceGraphSvg.render(g))).isTrue();
    }

    @Test
    void kindLabels_useKubectlShortNames_andFallBackToTheKind() {
        assertThat(KindLabels.of("Deployment")).isEqualTo("deploy");
        assertThat(KindLabels.of("PersistentVolumeClaim")).isEqualTo("pvc");
        assertThat(KindLabels.of("Rollout")).isEqualTo("rollou");
        assertThat(KindLabels.of("Foo")).isEqualTo("foo");
    }

    static boolean parses(String xml) {
        try {
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
            return true;
        } catch (Exception e) {
            throw new AssertionError("not well-formed: " + e.getMessage(), e);
        }
    }
}
