package io.jenkins.plugins.gitops.engine.appset;

import java.util.Map;

/**
 * Plain ApplicationSet templating, as Argo CD does it with fasttemplate: every {@code {{ name }}} whose trimmed
 * name is a parameter with a string value is replaced; any other tag, and an unterminated <code>{{</code>, is left
 * exactly as written. Parameter names are flat ({@code path.basename}, {@code metadata.labels.env}, {@code path[0]}).
 */
final class FastTemplate {

    private FastTemplate() {}

    static String render(String template, Map<String, Object> params) {
        int open = template.indexOf("{{");
        if (open < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length());
        int pos = 0;
        while (open >= 0) {
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                break;
            }
            out.append(template, pos, open);
            String tag = template.substring(open + 2, close);
            Object value = params.get(tag.trim());
            if (!tag.isBlank() && value instanceof String s) {
                out.append(s);
            } else {
                out.append("{{").append(tag).append("}}");
            }
            pos = close + 2;
            open = template.indexOf("{{", pos);
        }
        return out.append(template, pos, template.length()).toString();
    }
}
