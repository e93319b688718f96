package dev.jwrap.inetd.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InetdConfigParserTest {

    static final ServicesDatabase SERVICES = ServicesDatabase.parse("""
            tcpmux\t1/tcp
            echo\t7/tcp
            echo\t7/udp
            discard\t9/tcp\t\tsink null
            discard\t9/udp\t\tsink null
            daytime\t13/tcp
            daytime\t13/udp
            chargen\t19/tcp\t\tttytst source
            chargen\t19/udp\t\tttytst source
            time\t37/tcp\t\ttimserver
            time\t37/udp\t\ttimserver
            finger\t79/tcp
            myspawn\t17100/tcp  # a comment
            """);

    static InetdConfig parse(String text) {
        return parse(text, ParserOptions.DEFAULTS);
    }

    static InetdConfig parse(String text, ParserOptions options) {
        return new InetdConfigParser(SERVICES, options).parse("inetd.conf", text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static ServiceEntry only(String text) {
        InetdConfig config = parse(text);
        assertThat(config.diagnostics()).isEmpty();
        assertThat(config.entries()).hasSize(1);
        return config.entries().get(0);
    }

    static List<String> located(InetdConfig config) {
        return config.diagnostics().stream().map(Diagnostic::toLocatedText).toList();
    }

    @Test
    void internalEcho_allFields() {
        ServiceEntry e = only("echo stream tcp4 nowait root internal\n");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.host()).isEqualTo("*");
        assertThat(e.port()).isEqualTo(7);
        assertThat(e.socketType()).isEqualTo(SocketType.STREAM);
        assertThat(e.protocol()).isEqualTo(Protocol.TCP4);
        assertThat(e.waitService()).isFalse();
        assertThat(e.maxPerMinute()).isEqualTo(256);
        assertThat(e.user()).isEqualTo("root");
        assertThat(e.group()).isEmpty();
        assertThat(e.server()).isEqualTo(new Server.Internal(InternalService.ECHO));
        assertThat(e.limits()).isEqualTo(ServiceLimits.NONE);
    }

    /** Every accepted form: input, then host spec, service, port, protocol, wait, max, user, group, argv. */
    static Stream<Arguments> acceptedForms() {
        return Stream.of(
                Arguments.of("finger stream tcp4 nowait nobody /usr/sbin/in.fingerd in.fingerd -w",
                        "*", "finger", 79, "tcp4", false, 256, "nobody", null, "in.fingerd -w"),
                Arguments.of("17100 stream tcp6 wait.20 nobody:nogroup /bin/cat",
                        "*", "17100", 17100, "tcp6", true, 20, "nobody", "nogroup", "cat"),
                Arguments.of("myspawn stream tcp46 nowait.5 nobody.daemon /bin/x x",
                        "*", "myspawn", 17100, "tcp46", false, 5, "nobody", "daemon", "x"),
                Arguments.of("127.0.0.1:echo stream tcp4 nowait root internal",
                        "127.0.0.1", "echo", 7, "tcp4", false, 256, "root", null, null),
                Arguments.of("[::1]:2000 stream tcp6 nowait nobody /usr/local/bin/srv",
                        "::1", "2000", 2000, "tcp6", false, 256, "nobody", null, "srv"),
                Arguments.of(":discard dgram udp6 wait root internal",
                        "*", "discard", 9, "udp6", false, 256, "root", null, null),
                Arguments.of("127.0.0.1: echo stream tcp4 nowait root internal",
                        "127.0.0.1", "echo", 7, "tcp4", false, 256, "root", null, null),
                Arguments.of("echo stream tcp4 wait root internal",
                        "*", "echo", 7, "tcp4", false, 256, "root", null, null),
                Arguments.of("65535 dgram udp4 wait root /bin/x",
                        "*", "65535", 65535, "udp4", true, 256, "root", null, "x"),
                Arguments.of("17100 stream tcp4 nowait root relative/x",
                        "*", "17100", 17100, "tcp4", false, 256, "root", null, "x"),
                Arguments.of("17100 stream tcp4 nowait root /bin/x a # note",
                        "*", "17100", 17100, "tcp4", false, 256, "root", null, "a # note"),
                Arguments.of("a.b:c\tstream\t\ttcp4   nowait.1 u:g:h /p",
                        "a.b", "c", -1, null, null, null, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedForms")
    void acceptedForm(String line, String hostSpec, String service, int port, String proto, Boolean wait,
            Integer max, String user, String group, String argv) {
        InetdConfig config = parse(line + "\n");
        if (port < 0) {
            // "a.b:c": service "c" is unknown; the point is the split at the last colon.
            assertThat(located(config)).containsExactly("inetd.conf:1: error: c/tcp4: unknown service");
            return;
        }
        assertThat(config.diagnostics()).isEmpty();
        ServiceEntry e = config.entries().get(0);
        assertThat(e.host()).isEqualTo(hostSpec);
        assertThat(e.service()).isEqualTo(service);
        assertThat(e.port()).isEqualTo(port);
        assertThat(e.protocol().token()).isEqualTo(proto);
        assertThat(e.waitService()).isEqualTo(wait);
        assertThat(e.maxPerMinute()).isEqualTo(max);
        assertThat(e.user()).isEqualTo(user);
        assertThat(e.group()).isEqualTo(Optional.ofNullable(group));
        if (argv == null) {
            assertThat(e.isInternal()).isTrue();
        } else {
            assertThat(((Server.Program) e.server()).argv()).containsExactly(argv.split(" "));
        }
    }

    /** Every error: input, expected diagnostics (the bad line is skipped, the good one kept). */
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("echo stream tcp4", "inetd.conf:1: error: syntax error in inetd config file"),
                Arguments.of("echo stream tcp4 nowait root", "inetd.conf:1: error: syntax error in inetd config file"),
                Arguments.of("17106 bogus tcp4 nowait root /bin/x", "inetd.conf:1: error: 17106/tcp4: *: "
                        + "ai_socktype not supported (socket type \"bogus\"; jwrap knows stream and dgram)"),
                Arguments.of("17106 stream tcpx nowait root /bin/x", "inetd.conf:1: error: 17106/tcpx: unknown "
                        + "protocol \"tcpx\" (tcp, tcp4, tcp6, tcp46, udp, udp4, udp6 or udp46)"),
                Arguments.of("/run/x stream unix nowait root /bin/x",
                        "inetd.conf:1: error: /run/x/unix: protocol unix is not supported by jwrap"),
                Arguments.of("17106 dgram tcp4 nowait root /bin/x",
                        "inetd.conf:1: error: 17106/tcp4: socket type dgram does not fit protocol tcp4"),
                Arguments.of("nosuchservice stream tcp4 nowait root /bin/x",
                        "inetd.conf:1: error: nosuchservice/tcp4: unknown service"),
                Arguments.of("0 stream tcp4 nowait root /bin/x", "inetd.conf:1: error: 0/tcp4: unknown service"),
                Arguments.of("65536 stream tcp4 nowait root /bin/x",
                        "inetd.conf:1: error: 65536/tcp4: unknown service"),
                Arguments.of("17109 stream tcp4 nowait root internal",
                        "inetd.conf:1: error: internal service 17109 unknown"),
                Arguments.of("sink stream tcp4 nowait root internal",
                        "inetd.conf:1: error: internal service sink unknown"),
                Arguments.of("tcpmux stream tcp4 nowait root internal",
                        "inetd.conf:1: error: internal service tcpmux unknown"),
                Arguments.of("finger stream tcp4 nowait root internal",
                        "inetd.conf:1: error: internal service finger unknown"),
                Arguments.of("echo stream tcp4,rcvbuf=16384,sndbuf=64k nowait root internal",
                        "inetd.conf:1: error: echo: too many buffer sizes"),
                Arguments.of("echo stream tcp4,sndbuf=1,rcvbuf=2,sndbuf=3 nowait root internal",
                        "inetd.conf:1: error: echo: too many buffer sizes"),
                Arguments.of("echo stream tcp4,bufsize=1 nowait root internal",
                        "inetd.conf:1: error: echo: malformed buffer size option 'bufsize=1'"),
                Arguments.of("echo stream tcp4,rcvbuf=12x nowait root internal",
                        "inetd.conf:1: error: echo: invalid buffer size '12x'"),
                Arguments.of(",:echo stream tcp4 nowait root internal",
                        "inetd.conf:1: error: echo/tcp4: no host address in \",\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void badLine_isReportedAndSkipped(String line, String expected) {
        InetdConfig config = parse("# header\n" + line + "\nfinger stream tcp4 nowait nobody /usr/sbin/in.fingerd\n");
        assertThat(located(config)).containsExactly(expected.replace("inetd.conf:1:", "inetd.conf:2:"));
        assertThat(config.entries()).extracting(ServiceEntry::service).containsExactly("finger");
        assertThat(config.entries().get(0).line()).isEqualTo(3);
        assertThat(config.hasErrors()).isTrue();
    }

    /** Warnings: the entry is kept. */
    static Stream<Arguments> warnings() {
        return Stream.of(
                Arguments.of("echo stream tcp4 nowait.abc root internal",
                        "inetd.conf:1: warning: echo: illegal max field \"abc\", setting to 256"),
                Arguments.of("echo stream tcp4 nowait.0 root internal",
                        "inetd.conf:1: warning: echo: illegal max field \"0\", setting to 256"),
                Arguments.of("echo stream tcp4 nowait.-3 root internal",
                        "inetd.conf:1: warning: echo: illegal max field \"-3\", setting to 256"),
                Arguments.of("echo stream tcp4 nowait. root internal",
                        "inetd.conf:1: warning: echo: illegal max field \"\", setting to 256"),
                Arguments.of("17100 stream tcp4 wiat root /bin/x",
                        "inetd.conf:1: warning: 17100/tcp4: \"wiat\" is neither wait nor nowait; treated as nowait"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("warnings")
    void questionableLine_isKeptWithWarning(String line, String expected) {
        InetdConfig config = parse(line + "\n");
        assertThat(located(config)).containsExactly(expected);
        assertThat(config.entries()).hasSize(1);
        assertThat(config.entries().get(0).maxPerMinute()).isEqualTo(256);
        assertThat(config.entries().get(0).waitService()).isFalse();
        assertThat(config.hasErrors()).isFalse();
    }

    @Test
    void rOption_setsDefaultMax() {
        InetdConfig config = parse("echo stream tcp4 nowait root internal\n"
                + "daytime stream tcp4 nowait.x root internal\n", new ParserOptions(7, false));
        assertThat(config.entries()).extracting(ServiceEntry::maxPerMinute).containsExactly(7, 7);
        assertThat(located(config)).containsExactly("inetd.conf:2: warning: daytime: illegal max field \"x\", setting to 7");
    }

    @Test
    void comments_onlyInColumnOne_andBlankLines() {
        InetdConfig config = parse("# c\n\n   \n\t\n#echo stream tcp4 nowait root internal\n"
                + "daytime stream tcp4 nowait root internal\n");
        assertThat(config.diagnostics()).isEmpty();
        assertThat(config.entries()).extracting(ServiceEntry::service, ServiceEntry::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("daytime", 6));
    }

    @Test
    void continuation_betweenAnyFields_evenIndentedHash() {
        ServiceEntry e = only("17100\n stream\ttcp4\n\tnowait root /bin/x\n  # indented comment?\n#real\n");
        assertThat(((Server.Program) e.server()).argv()).containsExactly("#", "indented", "comment?");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void continuation_afterHostLine_makesItAnEntry_andKeepsDefaultHost() {
        InetdConfig config = parse("127.0.0.1:\n  daytime stream tcp4 nowait root internal\n"
                + "17150 stream tcp4 nowait root /bin/cat\n");
        assertThat(config.entries()).extracting(ServiceEntry::host).containsExactly("127.0.0.1", "*");
    }

    @Test
    void hostLine_setsDefaultUntilNextHostLine() {
        InetdConfig config = parse("127.0.0.1:\necho stream tcp4 nowait root internal\n"
                + "::1,127.0.0.2:time stream tcp4 nowait root internal\n"
                + "*:\ndaytime stream tcp4 nowait root internal\n"
                + "[::1]:\nchargen stream tcp6 nowait root internal\n");
        assertThat(config.diagnostics()).isEmpty();
        assertThat(config.entries()).extracting(ServiceEntry::service, ServiceEntry::host).containsExactly(
                org.assertj.core.groups.Tuple.tuple("echo", "127.0.0.1"),
                org.assertj.core.groups.Tuple.tuple("time", "::1"),
                org.assertj.core.groups.Tuple.tuple("time", "127.0.0.2"),
                org.assertj.core.groups.Tuple.tuple("daytime", "*"),
                org.assertj.core.groups.Tuple.tuple("chargen", "::1"));
    }

    @Test
    void plainTcpAndUdp_expandToIpv4AndIpv6Entries() {
        InetdConfig config = parse("echo stream tcp nowait root internal\necho dgram udp wait root internal\n");
        assertThat(config.entries()).extracting(e -> e.protocol().token())
                .containsExactly("tcp", "tcp6", "udp", "udp6");
        assertThat(config.entries()).extracting(e -> e.protocol().family()).containsExactly(
                Protocol.Family.INET, Protocol.Family.INET6_ONLY, Protocol.Family.INET, Protocol.Family.INET6_ONLY);
        assertThat(config.entries()).extracting(ServiceEntry::port).containsOnly(7);
    }

    @Test
    void moreThanTwentyArguments_firstTwentyKeptWithWarning() {
        StringBuilder line = new StringBuilder("17100 stream tcp4 nowait root /bin/x");
        for (int i = 0; i < 22; i++) {
            line.append(" a").append(i);
        }
        InetdConfig config = parse(line + "\n");
        assertThat(located(config)).containsExactly(
                "inetd.conf:1: warning: 17100: 22 arguments; only the first 20 are passed (as openbsd-inetd does)");
        assertThat(((Server.Program) config.entries().get(0).server()).argv()).hasSize(20).endsWith("a19");
    }

    @Test
    void duplicate_laterReplacesEarlierInPlace() {
        InetdConfig config = parse("17100 stream tcp4 nowait root /bin/a\necho stream tcp4 nowait root internal\n"
                + "17100 stream tcp4 nowait nobody /bin/b\n");
        assertThat(config.entries()).extracting(ServiceEntry::service).containsExactly("17100", "echo");
        assertThat(config.entries().get(0).user()).isEqualTo("nobody");
        assertThat(config.entries().get(0).line()).isEqualTo(3);
    }

    @Test
    void hostList_givesOneEntryPerElement_andDuplicatesReplacePerElement() {
        InetdConfig config = parse("127.0.0.1,,127.0.0.2:17309 dgram udp4 wait root /bin/cat\n"
                + "127.0.0.2:17309 dgram udp4 wait.4 nobody /bin/true\n");
        assertThat(config.diagnostics()).isEmpty();
        assertThat(config.entries()).extracting(ServiceEntry::host, ServiceEntry::user).containsExactly(
                org.assertj.core.groups.Tuple.tuple("127.0.0.1", "root"),
                org.assertj.core.groups.Tuple.tuple("127.0.0.2", "nobody"));
    }

    @Test
    void bufferOptions() {
        ServiceEntry e = only("echo stream tcp4,rcvbuf=16384 nowait root internal\n");
        assertThat(e.buffers()).isEqualTo(new SocketBuffers(OptionalInt.empty(), OptionalInt.of(16384)));
        assertThat(e.protocol()).isEqualTo(Protocol.TCP4);
        assertThat(only("echo stream tcp4,sndbuf=1m nowait root internal\n").buffers().sendBuffer())
                .hasValue(1 << 20);
    }

    @Test
    void aliasesResolve_butNotAsBuiltins() {
        assertThat(only("sink stream tcp4 nowait root /bin/x\n").port()).isEqualTo(9);
        assertThat(only("timserver dgram udp6 wait root /bin/x\n").port()).isEqualTo(37);
    }

    @Test
    void tcp46_looksUpPlainProtocol() {
        assertThat(only("echo stream tcp46 nowait root internal\n").protocol().family())
                .isEqualTo(Protocol.Family.INET6_DUAL);
    }

    @Test
    void tcpmux_whenEnabled() {
        InetdConfig config = parse("tcpmux stream tcp4 nowait root internal\n"
                + "tcpmux/+hello stream tcp nowait nobody /bin/hello hello\n"
                + "tcpmux/raw stream tcp4 nowait nobody /bin/raw\n"
                + "tcpmux/bad dgram udp4 wait nobody /bin/raw\n", ParserOptions.DEFAULTS.withTcpmux(true));
        assertThat(located(config)).containsExactly("inetd.conf:4: error: tcpmux/bad/udp4: tcpmux services must be stream/tcp");
        assertThat(config.entries()).extracting(ServiceEntry::tcpmux).containsExactly(
                Optional.empty(),
                Optional.of(new ServiceEntry.TcpmuxName("hello", true)),
                Optional.of(new ServiceEntry.TcpmuxName("hello", true)),
                Optional.of(new ServiceEntry.TcpmuxName("raw", false)));
        assertThat(config.entries().get(0).server()).isEqualTo(new Server.Internal(InternalService.TCPMUX));
        assertThat(config.entries().get(0).port()).isEqualTo(1);
    }

    @Test
    void overlongLine_isAcceptedWithWarning() {
        String arg = "x".repeat(1100);
        InetdConfig config = parse("17100 stream tcp4 nowait root /bin/x " + arg + "\n");
        assertThat(located(config)).containsExactly("inetd.conf:1: warning: line longer than 1022 characters: "
                + "openbsd-inetd would cut it and read the rest as another line");
        assertThat(((Server.Program) config.entries().get(0).server()).argv()).containsExactly(arg);
    }

    @Test
    void lastLineWithoutNewline_andNoEntries() {
        assertThat(only("echo stream tcp4 nowait root internal").port()).isEqualTo(7);
        assertThat(parse("").entries()).isEmpty();
        assertThat(parse("127.0.0.1:\n").entries()).isEmpty();
    }
}
