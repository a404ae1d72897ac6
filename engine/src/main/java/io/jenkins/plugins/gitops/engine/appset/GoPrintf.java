package io.jenkins.plugins.gitops.engine.appset;

import java.util.List;

/** Go's {@code printf} for the verbs templates use: {@code %s %v %d %q %t %%}; others are an error naming the verb. */
final class GoPrintf {

    private GoPrintf() {}

    static String format(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(i);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (next >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object arg = args.get(next++);
            switch (verb) {
                case 's', 'v', 't' -> out.append(arg instanceof String s ? s : ParamValues.text(arg));
                case 'd' -> out.append(arg instanceof Number n ? Long.toString(n.longValue())
                        : "%!d(" + ParamValues.text(arg) + ")");
                case 'q' -> out.append(TemplateFunctions.goQuote(arg instanceof String s ? s : ParamValues.text(arg)));
                default -> throw new TemplateException("printf verb %" + verb + " is not supported (use %s, %v, %d, "
                        + "%q or %t)");
            }
        }
        return out.toString();
    }
}
