package dev.jwrap.inetd.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServicesDatabaseTest {

    private final ServicesDatabase db = ServicesDatabase.parse("""
            # comment line
            echo\t\t7/tcp
            echo\t\t7/udp
            discard\t\t9/tcp\t\tsink null
            broken\t\tx/tcp
            half
            myecho\t\t7/tcp   # second name for port 7
            \tindented 10/tcp alias
            """);

    @Test
    void lookups_followFileOrderAndAliases() {
        assertThat(db.portOf("echo", "tcp")).hasValue(7);
        assertThat(db.portOf("null", "tcp")).hasValue(9);
        assertThat(db.portOf("discard", "udp")).isEmpty();
        assertThat(db.portOf("broken", "tcp")).isEmpty();
        assertThat(db.portOf("indented", "tcp")).hasValue(10);
        assertThat(db.nameOf(7, "tcp")).hasValue("echo");
        assertThat(db.nameOf(8, "tcp")).isEmpty();
    }

    @Test
    void parsePort_range() {
        assertThat(ServicesDatabase.parsePort("1")).hasValue(1);
        assertThat(ServicesDatabase.parsePort("065535")).isEmpty();
        assertThat(ServicesDatabase.parsePort("65535")).hasValue(65535);
        assertThat(ServicesDatabase.parsePort("0")).isEmpty();
        assertThat(ServicesDatabase.parsePort("+5")).isEmpty();
    }
}
