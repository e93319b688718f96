package dev.jwrap.audit.harden;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.of("f", "a\n", "a\n")).isEmpty();
    }

    @Test
    void farApartChangesMakeTwoHunksWithThreeLinesOfContext() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
        String after = "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n";
        assertThat(UnifiedDiff.of("etc/x", before, after)).isEqualTo("""
                --- a/etc/x
                +++ b/etc/x
                @@ -1,5 +1,5 @@
                 1
                -2
                +TWO
                 3
                 4
                 5
                @@ -10,3 +10,4 @@
                 10
                 11
                 12
                +13
                """);
    }

    @Test
    void aNewFileAndAMissingFinalNewline() {
        assertThat(UnifiedDiff.of("etc/hosts.deny", null, "ALL: ALL\n"))
                .isEqualTo("--- /dev/null\n+++ b/etc/hosts.deny\n@@ -0,0 +1 @@\n+ALL: ALL\n");
        assertThat(UnifiedDiff.of("f", "a", "a\nb\n"))
                .isEqualTo("--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n");
    }
}
