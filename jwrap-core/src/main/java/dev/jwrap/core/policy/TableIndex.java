package dev.jwrap.core.policy;

import dev.jwrap.core.match.HostEndpoint;
import dev.jwrap.core.match.InetLiterals;
import dev.jwrap.core.syntax.Ascii;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An index over one table that finds, for a request, a superset of the rules that can match it
 * — never fewer — so that only those are evaluated, in file order, by the exact matcher. Rules
 * are keyed by the patterns before the first {@code EXCEPT} of their lists (one of them must
 * match): plain daemon names; exact addresses, address prefixes and suffixes, IPv4 and IPv6
 * networks; exact host names, name prefixes and suffixes, and {@code LOCAL} (a known host name
 * without a dot). Rules with any other pattern
 * (wildcards, netgroups, {@code /file}, {@code KNOWN}, ...) are always evaluated.
 *
 * <p>Name keys need the client's host name, which may not be looked up yet; until it is, every
 * rule with a name pattern stays a candidate, so the lookup happens at the rule where libwrap
 * would do it. Immutable and thread-safe.
 */
public final class TableIndex {

    private final Table table;
    private final DaemonFilter daemons;
    private final StringKeys addrExact;
    private final StringKeys addrPrefix;
    private final StringKeys addrSuffix;
    private final StringKeys nameExact;
    private final StringKeys namePrefix;
    private final StringKeys nameSuffix;
    private final LongKeys[] v4Nets;
    private final int[] v4Lengths;
    private final Map<ByteBuffer, int[]>[] v6Nets;
    private final int[] v6Lengths;
    private final int[] always;
    private final int[] nameSensitive;
    private final int[] serverNameSensitive;
    private final int[] localNames;

    private TableIndex(Builder b) {
        this.table = b.table;
        this.daemons = new DaemonFilter(b.daemonKeys);
        this.addrExact = new StringKeys(b.addrExact);
        this.addrPrefix = new StringKeys(b.addrPrefix);
        this.addrSuffix = new StringKeys(b.addrSuffix);
        this.nameExact = new StringKeys(b.nameExact);
        this.namePrefix = new StringKeys(b.namePrefix);
        this.nameSuffix = new StringKeys(b.nameSuffix);
        this.v4Nets = new LongKeys[b.v4Nets.length];
        for (int i = 0; i < b.v4Nets.length; i++) {
            this.v4Nets[i] = b.v4Nets[i] == null ? null : new LongKeys(b.v4Nets[i]);
        }
        this.v4Lengths = usedLengths(this.v4Nets);
        this.v6Nets = freezeAll(b.v6Nets);
        this.v6Lengths = usedLengths(b.v6Nets);
        this.always = b.always.sortedDistinct();
        this.nameSensitive = b.nameSensitive.sortedDistinct();
        this.serverNameSensitive = b.serverNameSensitive.sortedDistinct();
        this.localNames = b.localNames.sortedDistinct();
    }

    /** Builds the index of {@code table}. */
    public static TableIndex of(Table table) {
        Builder b = new Builder(table);
        for (Rule rule : table.rules()) {
            b.add(rule);
        }
        return new TableIndex(b);
    }

    public Table table() {
        return table;
    }

    /** Walks the candidate rules for one request, in file order. */
    public Cursor cursor(String daemon, HostEndpoint client, HostEndpoint server) {
        return new Cursor(this, Ascii.lower(StringPattern.unmap(daemon)), client, server);
    }

    boolean daemonMayMatch(int rule, int daemonId) {
        return daemons.mayMatch(rule, daemonId);
    }

    int[] addressCandidates(String address) {
        IntList out = new IntList();
        out.addAll(always);
        String a = Ascii.lower(StringPattern.unmap(address));
        lookupString(a, addrExact, addrPrefix, addrSuffix, out);
        long v4 = InetLiterals.dotQuad(address);
        if (v4 == InetLiterals.NONE) {
            String mapped = NetMask.mappedV4(address);
            v4 = mapped == null ? InetLiterals.NONE : InetLiterals.dotQuad(mapped);
            if (mapped == null && v6Lengths.length > 0) {
                byte[] v6 = InetLiterals.parseV6IgnoringScope(address);
                if (v6 != null) {
                    for (int len : v6Lengths) {
                        add(out, v6Nets[len].get(ByteBuffer.wrap(masked(v6, len))));
                    }
                }
            }
        }
        if (v4 != InetLiterals.NONE) {
            for (int len : v4Lengths) {
                long mask = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
                add(out, v4Nets[len].get(v4 & mask));
            }
        }
        return out.sortedDistinct();
    }

    int[] nameCandidates(String name) {
        IntList out = new IntList();
        lookupString(Ascii.lower(StringPattern.unmap(name)), nameExact, namePrefix, nameSuffix, out);
        if (localNames.length > 0 && isLocalName(name)) {
            out.addAll(localNames);
        }
        return out.sortedDistinct();
    }

    /** What {@link HostPattern.Local} accepts: a known name without a dot. */
    private static boolean isLocalName(String name) {
        return name.indexOf('.') < 0 && HostEndpoint.isKnownName(name);
    }

    int[] nameSensitive() {
        return nameSensitive;
    }

    private static void lookupString(String s, StringKeys exact, StringKeys prefix, StringKeys suffix, IntList out) {
        if (exact.hasLength(s.length())) {
            add(out, exact.get(s));
        }
        if (prefix.isEmpty() && suffix.isEmpty()) {
            return;
        }
        for (int i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) {
            if (prefix.hasLength(i + 1)) {
                add(out, prefix.get(s.substring(0, i + 1)));
            }
            if (i > 0 && suffix.hasLength(s.length() - i)) {
                add(out, suffix.get(s.substring(i)));
            }
        }
    }

    private static void add(IntList out, int[] rules) {
        if (rules != null) {
            out.addAll(rules);
        }
    }

    static byte[] masked(byte[] address, int bits) {
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            out[i] = (byte) (address[i] & ((0xff << (8 - keep)) & 0xff));
        }
        return out;
    }

    private static <K> Map<K, int[]> freeze(Map<K, IntList> m) {
        Map<K, int[]> out = new HashMap<>(Math.max(16, m.size() * 2));
        m.forEach((k, v) -> out.put(k, v.sortedDistinct()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <K> Map<K, int[]>[] freezeAll(Map<K, IntList>[] ms) {
        Map<K, int[]>[] out = new Map[ms.length];
        for (int i = 0; i < ms.length; i++) {
            out[i] = ms[i] == null ? null : freeze(ms[i]);
        }
        return out;
    }

    /**
     * Per rule, the plain daemon names of its daemon list, one of which the request's daemon must
     * be (or "any" when the list has another kind of pattern). Names are numbered; with up to 63
     * of them each rule's names are one bit mask in a flat array, so the filter costs one array
     * read per candidate instead of a walk through a per-rule hash set.
     */
    private static final class DaemonFilter {
        private static final long OTHER = 1L << 63;
        private final Map<String, Integer> ids = new HashMap<>();
        private final long[] masks;
        private final int[][] lists;

        DaemonFilter(Set<String>[] keys) {
            for (Set<String> k : keys) {
                if (k != null) {
                    k.forEach(name -> ids.putIfAbsent(name, ids.size()));
                }
            }
            if (ids.size() < 64) {
                masks = new long[keys.length];
                lists = null;
                for (int r = 0; r < keys.length; r++) {
                    long m = keys[r] == null ? -1L : 0L;
                    if (keys[r] != null) {
                        for (String name : keys[r]) {
                            m |= 1L << ids.get(name);
                        }
                    }
                    masks[r] = m;
                }
            } else {
                masks = null;
                lists = new int[keys.length][];
                for (int r = 0; r < keys.length; r++) {
                    lists[r] = keys[r] == null ? null : keys[r].stream().mapToInt(ids::get).sorted().toArray();
                }
            }
        }

        /** The number of a (lower-case) daemon name, or -1 when no rule names it. */
        int id(String daemonKey) {
            Integer id = ids.get(daemonKey);
            return id == null ? -1 : id;
        }

        boolean mayMatch(int rule, int id) {
            if (masks != null) {
                return (masks[rule] & (id < 0 ? OTHER : 1L << id)) != 0;
            }
            int[] names = lists[rule];
            return names == null || (id >= 0 && Arrays.binarySearch(names, id) >= 0);
        }
    }

    /**
     * String keys and the set of their lengths: a lookup of a prefix or suffix whose length no
     * key has is skipped without building the substring or touching the hash table (at 100,000
     * rules the tables no longer fit the CPU caches, and every avoided probe is a cache miss saved).
     */
    private static final class StringKeys {
        private final Map<String, int[]> map;
        private final BitSet lengths = new BitSet();

        StringKeys(Map<String, IntList> keys) {
            this.map = freeze(keys);
            keys.keySet().forEach(k -> lengths.set(k.length()));
        }

        boolean isEmpty() {
            return map.isEmpty();
        }

        boolean hasLength(int length) {
            return lengths.get(length);
        }

        int[] get(String key) {
            return map.get(key);
        }
    }

    /**
     * An open-addressing map from IPv4 networks to rule lists: no boxing of the probe key and no
     * node objects, so a probe touches two arrays instead of a bucket, a node and a Long.
     */
    private static final class LongKeys {
        private final long[] keys;
        private final int[][] values;
        private final int mask;
        private final int size;

        LongKeys(Map<Long, IntList> m) {
            int capacity = Integer.highestOneBit(Math.max(4, m.size()) * 2 - 1) << 1;
            this.keys = new long[capacity];
            this.values = new int[capacity][];
            this.mask = capacity - 1;
            this.size = m.size();
            m.forEach((k, v) -> {
                int i = slot(k);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = v.sortedDistinct();
            });
        }

        boolean isEmpty() {
            return size == 0;
        }

        private int slot(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 32) & mask;
        }

        int[] get(long key) {
            for (int i = slot(key); values[i] != null; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return values[i];
                }
            }
            return null;
        }
    }

    private static int[] usedLengths(LongKeys[] ms) {
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < ms.length; i++) {
            if (ms[i] != null && !ms[i].isEmpty()) {
                used.add(i);
            }
        }
        return used.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] usedLengths(Map<?, ?>[] ms) {
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < ms.length; i++) {
            if (ms[i] != null && !ms[i].isEmpty()) {
                used.add(i);
            }
        }
        return used.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Collects the keys while the index is built. */
    private static final class Builder {
        final Table table;
        final Set<String>[] daemonKeys;
        final Map<String, IntList> addrExact = new HashMap<>();
        final Map<String, IntList> addrPrefix = new HashMap<>();
        final Map<String, IntList> addrSuffix = new HashMap<>();
        final Map<String, IntList> nameExact = new HashMap<>();
        final Map<String, IntList> namePrefix = new HashMap<>();
        final Map<String, IntList> nameSuffix = new HashMap<>();
        @SuppressWarnings("unchecked")
        final Map<Long, IntList>[] v4Nets = new Map[33];
        @SuppressWarnings("unchecked")
        final Map<ByteBuffer, IntList>[] v6Nets = new Map[129];
        final IntList always = new IntList();
        final IntList nameSensitive = new IntList();
        final IntList serverNameSensitive = new IntList();
        final IntList localNames = new IntList();

        @SuppressWarnings("unchecked")
        Builder(Table table) {
            this.table = table;
            this.daemonKeys = new Set[table.rules().size()];
        }

        void add(Rule rule) {
            int r = rule.index();
            daemonKeys[r] = daemonKeys(rule.daemons().head());
            if (looksUpServerName(rule.daemons())) {
                serverNameSensitive.add(r);
            }
            boolean unindexable = false;
            boolean nameKeyed = false;
            // instanceof chains, not pattern switches: each switch's bootstrap generates a class at
            // run time that no AOT cache keeps (≈ 1 ms apiece of jwrap match's start-up, PERFORMANCE §9)
            for (ClientPattern client : rule.clients().head()) {
                HostPattern host = client.host();
                if (host instanceof HostPattern.Textual t) {
                    unindexable |= !put(t.pattern(), addrExact, addrPrefix, addrSuffix, r);
                    if (t.alsoName()) {
                        nameKeyed = true;
                        unindexable |= !put(t.pattern(), nameExact, namePrefix, nameSuffix, r);
                    }
                } else if (host instanceof HostPattern.Masked m) {
                    addNet(m.mask(), r);
                } else if (host instanceof HostPattern.Local) {
                    // a name key like any other: LOCAL can only match a known, dotless name
                    nameKeyed = true;
                    localNames.add(r);
                } else {
                    unindexable = true;
                }
            }
            if (unindexable) {
                always.add(r);
            } else if (nameKeyed) {
                nameSensitive.add(r);
            }
        }

        private void addNet(NetMask mask, int r) {
            if (mask.v4Net() >= 0) {
                if (!mask.isContiguousV4()) {
                    always.add(r);
                    return;
                }
                int len = mask.v4PrefixLength();
                if (v4Nets[len] == null) {
                    v4Nets[len] = new HashMap<>();
                }
                v4Nets[len].computeIfAbsent(mask.v4Net(), k -> new IntList()).add(r);
            } else if (mask.v6Net() != null) {
                int len = mask.v6Length();
                if (v6Nets[len] == null) {
                    v6Nets[len] = new HashMap<>();
                }
                v6Nets[len].computeIfAbsent(ByteBuffer.wrap(masked(mask.v6Net(), len)), k -> new IntList()).add(r);
            }
            // neither reading is valid: the pattern never matches and needs no key
        }

        private static Set<String> daemonKeys(List<DaemonPattern> head) {
            Set<String> keys = new HashSet<>();
            for (DaemonPattern d : head) {
                if (!(d.name() instanceof StringPattern.Exact e)) {
                    return null;
                }
                keys.add(e.lower());
            }
            return keys;
        }

        /**
         * Whether evaluating the daemon list may look up the server's host name: a
         * {@code daemon@host} token (before or after EXCEPT) whose host part is not purely
         * numeric. libwrap does that lookup even when the client list then fails, so such rules
         * are evaluated, while the server name is unknown, whatever the client keys say.
         */
        private static boolean looksUpServerName(PatternList<DaemonPattern> list) {
            for (PatternList<DaemonPattern> l = list; l != null; l = l.except()) {
                for (DaemonPattern d : l.head()) {
                    if (d.host() != null && mayLookUpName(d.host())) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean mayLookUpName(HostPattern host) {
            if (host instanceof HostPattern.Masked) {
                return false;
            }
            if (host instanceof HostPattern.Textual t) {
                return t.alsoName();
            }
            if (host instanceof HostPattern.FileList f) {
                return f.words().stream().anyMatch(Builder::mayLookUpName);
            }
            return true;
        }

        /** Indexes an exact, prefix or suffix pattern under its key; false for any other kind. */
        private static boolean put(StringPattern pattern, Map<String, IntList> exact, Map<String, IntList> prefix,
                Map<String, IntList> suffix, int r) {
            if (pattern instanceof StringPattern.Exact e) {
                put(exact, e.lower(), r);
            } else if (pattern instanceof StringPattern.Prefix p) {
                put(prefix, p.lower(), r);
            } else if (pattern instanceof StringPattern.Suffix s) {
                put(suffix, s.lower(), r);
            } else {
                return false;
            }
            return true;
        }

        private static void put(Map<String, IntList> map, String key, int r) {
            map.computeIfAbsent(key, k -> new IntList()).add(r);
        }
    }

    /**
     * The candidate rules of one scan, in file order. Re-reads the client's name state at every
     * step: once the name is known, rules keyed only by names that do not fit are skipped.
     */
    public static final class Cursor {
        private final TableIndex index;
        private final int daemonId;
        private final HostEndpoint client;
        private final HostEndpoint server;
        private final int[] byAddress;
        private int[] byName;
        private int[] byServerName;
        private boolean nameResolved;
        private int a;
        private int n;
        private int s;
        private int last = -1;

        Cursor(TableIndex index, String daemonKey, HostEndpoint client, HostEndpoint server) {
            this.index = index;
            this.daemonId = index.daemons.id(daemonKey);
            this.client = client;
            this.server = server;
            this.byAddress = index.addressCandidates(client.address());
            if (client.nameKnown()) {
                resolveNames();
            } else {
                this.byName = index.nameSensitive();
            }
            this.byServerName = server.nameKnown() ? NONE : index.serverNameSensitive;
        }

        private void resolveNames() {
            nameResolved = true;
            byName = index.nameCandidates(client.nameIfKnown());
            n = 0;
            while (n < byName.length && byName[n] <= last) {
                n++;
            }
        }

        /** The next candidate rule, or null when none is left. */
        public Rule next() {
            while (true) {
                if (!nameResolved && client.nameKnown()) {
                    resolveNames();
                }
                if (byServerName.length > 0 && server.nameKnown()) {
                    byServerName = NONE;
                    s = 0;
                }
                int nextA = a < byAddress.length ? byAddress[a] : Integer.MAX_VALUE;
                int nextN = n < byName.length ? byName[n] : Integer.MAX_VALUE;
                int nextS = s < byServerName.length ? byServerName[s] : Integer.MAX_VALUE;
                int r = Math.min(nextA, Math.min(nextN, nextS));
                if (r == Integer.MAX_VALUE) {
                    return null;
                }
                if (nextA == r) {
                    a++;
                }
                if (nextN == r) {
                    n++;
                }
                if (nextS == r) {
                    s++;
                }
                last = r;
                if (index.daemonMayMatch(r, daemonId)) {
                    return index.table.rules().get(r);
                }
            }
        }

        private static final int[] NONE = new int[0];
    }
}
