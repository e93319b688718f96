package dev.jwrap.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per case of sscanf("%u , %u : USERID :%*[^:]:%255s") as libwrap applies it; query 6191,23. */
class IdentReplyTest {

    static Stream<Arguments> replies() {
        return Stream.of(
                arguments("compact", "6191,23:USERID:UNIX:alice\r\n", "alice"),
                arguments("spec example", "6191 , 23 : USERID : UNIX :  carol   extra\r\n", "carol"),
                arguments("leading blanks", "  6191,23:USERID:UNIX:bob", "bob"),
                arguments("tabs and vertical tab are blanks", "6191\t,\t23\t:\tUSERID\t:UNIX:\u000bharry", "harry"),
                arguments("os field with blanks and comma", "6191,23 : USERID : UNIX, charset=UTF-8 : dave\r\n", "dave"),
                arguments("user keeps later colons", "6191,23 : USERID : UNIX : eve:extra\r\n", "eve:extra"),
                arguments("ports with plus sign", "+6191,+23:USERID:UNIX:frank", "frank"),
                arguments("port wraps modulo 2^32 like unsigned int", "4294973487,23:USERID:UNIX:gina", "gina"),
                arguments("negative port wraps like strtoul", "-4294961105,23:USERID:UNIX:gina", "gina"),
                arguments("latin-1 byte kept", "6191,23:USERID:UNIX:jos\u00e9", "jos\u00e9"),
                arguments("NUL ends the line", "6191,23 : USERID : UNIX : al\0ice\r\n", "al"),
                arguments("user cut at 255 then 127", "6191,23:USERID:UNIX:" + "x".repeat(300), "x".repeat(127)),
                arguments("user of 127 kept", "6191,23:USERID:UNIX:" + "y".repeat(127) + "\r\n", "y".repeat(127)),
                arguments("lower-case userid", "6191,23 : userid : UNIX : alice\r\n", null),
                arguments("error reply", "6191,23 : ERROR : NO-USER\r\n", null),
                arguments("wrong server port", "6191,24 : USERID : UNIX : alice\r\n", null),
                arguments("wrong client port", "6190,23 : USERID : UNIX : alice\r\n", null),
                arguments("ports swapped", "23,6191 : USERID : UNIX : alice\r\n", null),
                arguments("port beyond unsigned long saturates", "99999999999999999999999,23:USERID:UNIX:x", null),
                arguments("missing comma", "6191 23 : USERID : UNIX : alice\r\n", null),
                arguments("sign without digits", "+,23 : USERID : UNIX : alice\r\n", null),
                arguments("empty os field", "6191,23 : USERID :: alice\r\n", null),
                arguments("no user", "6191,23 : USERID : UNIX :\r\n", null),
                arguments("only blanks after colon", "6191,23 : USERID : UNIX :   \r\n", null),
                arguments("NUL before user", "6191,23 : USERID : UNIX : \0alice\r\n", null),
                arguments("no os field colon", "6191,23 : USERID : alice\r\n", null),
                arguments("empty", "", null),
                arguments("garbage", "HELLO\r\n", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void parse(String description, String line, String expected) {
        assertThat(IdentReply.user(line, 6191, 23)).isEqualTo(Optional.ofNullable(expected));
    }
}
