package dev.jwrap.core.policy;

import dev.jwrap.core.syntax.Ascii;
import dev.jwrap.core.SyslogPriority;
import dev.jwrap.core.syntax.Fields;
import dev.jwrap.core.syntax.CNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Parses a rule's option field (spec §4.1): fields at unescaped colons; in each, the keyword ends
 * at a blank or {@code =}, then one optional {@code =} and blanks; the rest is the value. The
 * checks run in libwrap's order and the first failure ends the list (the rule denies there).
 */
public final class OptionCompiler {

    private enum Arg {
        NONE,
        OPTIONAL,
        REQUIRED
    }

    private record Spec(Arg arg, boolean last) {}

    private static final Map<String, Spec> OPTIONS = Map.ofEntries(
            Map.entry("user", new Spec(Arg.REQUIRED, false)),
            Map.entry("group", new Spec(Arg.REQUIRED, false)),
            Map.entry("umask", new Spec(Arg.REQUIRED, false)),
            Map.entry("linger", new Spec(Arg.REQUIRED, false)),
            Map.entry("keepalive", new Spec(Arg.NONE, false)),
            Map.entry("spawn", new Spec(Arg.REQUIRED, false)),
            Map.entry("twist", new Spec(Arg.REQUIRED, true)),
            Map.entry("rfc931", new Spec(Arg.OPTIONAL, false)),
            Map.entry("setenv", new Spec(Arg.REQUIRED, false)),
            Map.entry("nice", new Spec(Arg.OPTIONAL, false)),
            Map.entry("severity", new Spec(Arg.REQUIRED, false)),
            Map.entry("allow", new Spec(Arg.NONE, true)),
            Map.entry("deny", new Spec(Arg.NONE, true)),
            Map.entry("banners", new Spec(Arg.REQUIRED, false)),
            Map.entry("aclexec", new Spec(Arg.REQUIRED, false)));

    private OptionCompiler() {}

    /** Parses an option text (which normally still ends in the rule's newline). */
    public static List<OptionStep> compile(String optionText) {
        List<String> fields = Fields.optionFields(optionText);
        List<OptionStep> steps = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            OptionStep step = compileField(fields.get(i), i + 1 < fields.size());
            steps.add(step);
            if (step instanceof OptionStep.Failure) {
                break;
            }
        }
        return List.copyOf(steps);
    }

    private static OptionStep compileField(String field, boolean followed) {
        String opt = Fields.chop(field);
        int end = 0;
        while (end < opt.length() && "= \t\r\n".indexOf(opt.charAt(end)) < 0) {
            end++;
        }
        String key = opt.substring(0, end);
        int v = end;
        if (v < opt.length() && opt.charAt(v) != '=') {
            v = skipBlanks(opt, v + 1);
        }
        if (v < opt.length() && opt.charAt(v) == '=') {
            v = skipBlanks(opt, v + 1);
        }
        String value = v < opt.length() ? opt.substring(v) : null;
        if (key.isEmpty()) {
            return new OptionStep.Failure(key, value, "missing option name");
        }
        String kw = Ascii.lower(key);
        Spec spec = OPTIONS.get(kw);
        if (spec == null) {
            return new OptionStep.Failure(key, value, "bad option name: \"" + key + "\"");
        }
        if (value == null && spec.arg() == Arg.REQUIRED) {
            return new OptionStep.Failure(key, null, "option \"" + key + "\" requires value");
        }
        if (value != null && spec.arg() == Arg.NONE) {
            return new OptionStep.Failure(key, value, "option \"" + key + "\" requires no value");
        }
        if (followed && spec.last()) {
            return new OptionStep.Failure(key, value, "option \"" + key + "\" must be at end");
        }
        return typed(kw, key, value);
    }

    private static OptionStep typed(String kw, String key, String value) {
        return switch (kw) {
            case "allow" -> new OptionStep.Allow(key, value);
            case "deny" -> new OptionStep.Deny(key, value);
            case "spawn" -> new OptionStep.Spawn(key, value);
            case "twist" -> new OptionStep.Twist(key, value);
            case "aclexec" -> new OptionStep.Aclexec(key, value);
            case "setenv" -> new OptionStep.Setenv(key, value);
            case "banners" -> new OptionStep.Banners(key, value);
            case "keepalive" -> new OptionStep.Keepalive(key, value);
            case "linger" -> linger(key, value);
            case "nice" -> nice(key, value);
            case "umask" -> umask(key, value);
            case "rfc931" -> rfc931(key, value);
            case "severity" -> severity(key, value);
            case "user" -> user(key, value);
            case "group" -> new OptionStep.Group(key, value, value);
            default -> throw new IllegalStateException("option table and switch disagree on " + kw);
        };
    }

    private static OptionStep linger(String key, String value) {
        OptionalLong n = CNumbers.scanInt(value);
        if (n.isEmpty() || n.getAsLong() < 0) {
            return OptionStep.Failure.ofValue(key, value, "bad linger value: \"" + value + "\"");
        }
        return new OptionStep.Linger(key, value, (int) n.getAsLong());
    }

    private static OptionStep nice(String key, String value) {
        if (value == null) {
            return new OptionStep.Nice(key, null, 10);
        }
        OptionalLong n = CNumbers.scanInt(value);
        if (n.isEmpty()) {
            return OptionStep.Failure.ofValue(key, value, "bad nice value: \"" + value + "\"");
        }
        return new OptionStep.Nice(key, value, (int) n.getAsLong());
    }

    private static OptionStep umask(String key, String value) {
        OptionalLong n = CNumbers.scanOctal(value);
        if (n.isEmpty() || (n.getAsLong() & 0777) != n.getAsLong()) {
            return OptionStep.Failure.ofValue(key, value, "bad umask value: \"" + value + "\"");
        }
        return new OptionStep.Umask(key, value, (int) n.getAsLong());
    }

    private static OptionStep rfc931(String key, String value) {
        if (value == null) {
            return new OptionStep.Rfc931(key, null, 0);
        }
        OptionalLong n = CNumbers.scanInt(value);
        if (n.isEmpty() || n.getAsLong() <= 0) {
            return OptionStep.Failure.ofValue(key, value, "bad rfc931 timeout: \"" + value + "\"");
        }
        return new OptionStep.Rfc931(key, value, (int) n.getAsLong());
    }

    private static OptionStep severity(String key, String value) {
        return SyslogPriority.parse(value)
                .<OptionStep>map(p -> new OptionStep.Severity(key, value, p))
                .orElseGet(() -> OptionStep.Failure.ofValue(
                        key, value, "bad syslog facility or severity: \"" + value + "\""));
    }

    private static OptionStep user(String key, String value) {
        int dot = Fields.splitIndex(value, 0, '.');
        return dot < 0
                ? new OptionStep.User(key, value, value, null)
                : new OptionStep.User(key, value, value.substring(0, dot), value.substring(dot + 1));
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
