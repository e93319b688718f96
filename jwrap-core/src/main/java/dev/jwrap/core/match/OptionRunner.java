package dev.jwrap.core.match;

import dev.jwrap.core.syntax.Ascii;
import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.Decision.AppliedOption;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.SyslogPriority;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.policy.OptionStep;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.resolve.UserDatabase;
import dev.jwrap.core.syntax.Fields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries out the options of a matched rule in order (hosts_options(5), spec §4): expands the
 * values that take {@code %} sequences, reports each in verbose mode, hands side effects to the
 * host's {@link OptionEffects}, and stops at {@code allow}, {@code deny}, {@code twist} or the
 * first error.
 */
final class OptionRunner {

    /** How a rule's options ended. */
    enum End {
        /** All ran; the table's own meaning applies. */
        CONTINUE,
        GRANT,
        DENY,
        /** An option failed: denied. */
        ERROR,
        TWIST,
        /** {@code aclexec} failed: the rule counts as not matched and the table is left. */
        SKIP_TABLE
    }

    private final AccessRequest request;
    private final OptionEffects effects;
    private final boolean verbose;
    final List<AppliedOption> applied = new ArrayList<>();
    SyslogPriority allowPriority = SyslogPriority.DEFAULT_ALLOW;
    SyslogPriority denyPriority = SyslogPriority.DEFAULT_DENY;
    String twistCommand;
    String error;

    OptionRunner(AccessRequest request, OptionEffects effects, boolean verbose) {
        this.request = request;
        this.effects = effects;
        this.verbose = verbose;
    }

    End run(Rule rule) {
        for (OptionStep step : rule.options()) {
            End end = runOne(step, rule);
            if (end != End.CONTINUE) {
                return end;
            }
        }
        return End.CONTINUE;
    }

    private End runOne(OptionStep step, Rule rule) {
        if (step instanceof OptionStep.Failure f) {
            if (f.valueRejected()) {
                log(f.keyword(), f.value()); // libwrap logs an option before its function checks the value
            }
            return fail(rule, f.message());
        }
        String value = switch (step) {
            case OptionStep.Spawn s -> expand(s.value());
            case OptionStep.Twist t -> expand(t.value());
            case OptionStep.Aclexec a -> expand(a.value());
            case OptionStep.Setenv s -> expand(s.value());
            default -> step.value();
        };
        log(step.keyword(), value);
        applied.add(new AppliedOption(step.keyword(), value == null ? "" : value));
        return switch (step) {
            case OptionStep.Allow a -> End.GRANT;
            case OptionStep.Deny d -> End.DENY;
            case OptionStep.Spawn s -> {
                effects.spawn(value);
                yield End.CONTINUE;
            }
            case OptionStep.Twist t -> {
                if (!effects.twistAllowed()) {
                    yield fail(rule, "twist option in resident process");
                }
                twistCommand = value;
                yield End.TWIST;
            }
            case OptionStep.Aclexec a -> {
                if (effects.aclexec(value)) {
                    yield End.CONTINUE;
                }
                request.diagnostics().report(new Diagnostic(Diagnostic.Severity.WARNING, null, 0, "aclexec returned 1"));
                yield End.SKIP_TABLE;
            }
            case OptionStep.Setenv s -> {
                int sep = 0;
                while (sep < value.length() && " \t\r\n".indexOf(value.charAt(sep)) < 0) {
                    sep++;
                }
                String name = value.substring(0, sep);
                if (name.isEmpty() || name.indexOf('=') >= 0) {
                    // setenv(3) refuses such names (EINVAL); libwrap reports every failure this way
                    yield fail(rule, "memory allocation failure");
                }
                effects.setenv(name, Fields.chop(value.substring(sep)));
                yield End.CONTINUE;
            }
            case OptionStep.Banners b -> {
                byte[] text = BannerReader.read(value, request);
                if (text != null && text.length > 0) {
                    effects.banner(text);
                }
                yield End.CONTINUE;
            }
            case OptionStep.Keepalive k -> {
                effects.keepalive();
                yield End.CONTINUE;
            }
            case OptionStep.Linger l -> {
                effects.linger(l.seconds());
                yield End.CONTINUE;
            }
            case OptionStep.Nice n -> {
                effects.nice(n.increment());
                yield End.CONTINUE;
            }
            case OptionStep.Umask u -> {
                effects.umask(u.mask());
                yield End.CONTINUE;
            }
            case OptionStep.Rfc931 r -> {
                if (r.timeoutSeconds() > 0) {
                    request.setIdentTimeout(Duration.ofSeconds(r.timeoutSeconds()));
                }
                request.user();
                yield End.CONTINUE;
            }
            case OptionStep.Severity s -> {
                allowPriority = s.priority();
                denyPriority = s.priority();
                yield End.CONTINUE;
            }
            case OptionStep.User u -> identity(rule, u.user(), u.group());
            case OptionStep.Group g -> identity(rule, null, g.group());
            case OptionStep.Failure f -> fail(rule, f.message());
        };
    }

    private End identity(Rule rule, String userName, String groupName) {
        UserDatabase users = request.services().users();
        UserDatabase.User user = null;
        if (userName != null) {
            Optional<UserDatabase.User> u = users.user(userName);
            if (u.isEmpty()) {
                return fail(rule, "unknown user: \"" + userName + "\"");
            }
            user = u.get();
        }
        UserDatabase.Group group = null;
        if (groupName != null) {
            Optional<UserDatabase.Group> g = users.group(groupName);
            if (g.isEmpty()) {
                return fail(rule, "unknown group: \"" + groupName + "\"");
            }
            group = g.get();
        }
        String problem = effects.changeIdentity(user, group);
        return problem == null ? End.CONTINUE : fail(rule, problem);
    }

    private String expand(String template) {
        return Fields.chop(PercentExpander.expand(template, request));
    }

    private End fail(Rule rule, String message) {
        error = message;
        request.diagnostics().report(Diagnostic.error(rule.ref().file(), rule.ref().line(), message));
        return End.ERROR;
    }

    private void log(String keyword, String value) {
        if (verbose) {
            request.diagnostics().report(new Diagnostic(Diagnostic.Severity.DEBUG, null, 0,
                    "option:   " + keyword + " " + (value == null ? "" : value)));
        }
    }
}
