package dev.jwrap.audit.harden;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts (diff -u format, 3 lines of context), for {@code harden --dry-run}.
 * Lines are compared with their line ends; a last line without newline is followed by
 * {@code \ No newline at end of file}. Uses a longest-common-subsequence table, which is fine for
 * configuration files; beyond {@link #MAX_LINES} lines the whole file is shown as replaced.
 */
final class UnifiedDiff {

    static final int MAX_LINES = 4000;
    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    private record Op(char kind, String line, int oldIndex, int newIndex) {}

    /**
     * The diff, empty when the texts are equal.
     *
     * @param before the old text, null when the file did not exist
     * @param after the new text
     */
    static String of(String path, String before, String after) {
        if (before != null && before.equals(after)) {
            return "";
        }
        List<String> a = before == null ? List.of() : TextLines.split(before);
        List<String> b = TextLines.split(after);
        List<Op> ops = ops(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(before == null ? "/dev/null" : "a/" + path).append('\n');
        out.append("+++ b/").append(path).append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while the next change is within two contexts
            while (true) {
                while (end < ops.size() && ops.get(end).kind() != ' ') {
                    end++;
                }
                int next = end;
                while (next < ops.size() && ops.get(next).kind() == ' ') {
                    next++;
                }
                if (next < ops.size() && next - end <= 2 * CONTEXT) {
                    end = next;
                } else {
                    end = Math.min(ops.size(), end + CONTEXT);
                    break;
                }
            }
            hunk(ops.subList(start, end), out);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(List<Op> ops, StringBuilder out) {
        int oldStart = -1;
        int newStart = -1;
        int oldCount = 0;
        int newCount = 0;
        for (Op op : ops) {
            if (op.kind() != '+') {
                oldCount++;
                if (oldStart < 0) {
                    oldStart = op.oldIndex() + 1;
                }
            }
            if (op.kind() != '-') {
                newCount++;
                if (newStart < 0) {
                    newStart = op.newIndex() + 1;
                }
            }
        }
        out.append("@@ -").append(range(oldStart < 0 ? ops.getFirst().oldIndex() : oldStart, oldCount))
                .append(" +").append(range(newStart < 0 ? ops.getFirst().newIndex() : newStart, newCount)).append(" @@\n");
        for (Op op : ops) {
            out.append(op.kind()).append(op.line());
            if (!op.line().endsWith("\n")) {
                out.append("\n\\ No newline at end of file\n");
            }
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    private static List<Op> ops(List<String> a, List<String> b) {
        List<Op> ops = new ArrayList<>();
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            for (int i = 0; i < a.size(); i++) {
                ops.add(new Op('-', a.get(i), i, 0));
            }
            for (int j = 0; j < b.size(); j++) {
                ops.add(new Op('+', b.get(j), a.size(), j));
            }
            return ops;
        }
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), i++, j++));
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new Op('-', a.get(i), i++, j)); // diff -u shows what goes before what comes
            } else {
                ops.add(new Op('+', b.get(j), i, j++));
            }
        }
        return ops;
    }
}
