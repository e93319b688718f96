"""Reads `perf script` output with call chains on stdin and charges each sample to the system call
on its stack (the frame below do_syscall_64), else to the user-space object it ran in (JIT'd code
for perf-PID.map frames) or to a page fault. Argument: CPU microseconds per connection, to turn
shares into microseconds."""
import collections
import re
import sys

per_connection_us = float(sys.argv[1])
where = collections.Counter()
stack = []


def charge():
    names = [re.sub(r'\+0x[0-9a-f]+$', '', f) for f, _ in stack]
    for i, name in enumerate(names):
        if name.startswith('do_syscall_64'):
            below = names[i - 1] if i > 0 else '?'
            return 'syscall ' + re.sub(r'^(__x64_sys_|__sys_|ksys_|__do_sys_)', '', below)
    top, dso = stack[0]
    if 'kernel' in dso:
        return 'kernel: page fault' if any('page_fault' in n for n in names) else 'kernel: other'
    if 'perf-' in dso:
        return 'user: JIT-compiled Java'
    return 'user: ' + dso.split('/')[-1]


for line in sys.stdin:
    line = line.rstrip('\n')
    if not line.strip():
        if stack:
            where[charge()] += 1
        stack = []
        continue
    if line[0] not in ' \t':
        continue
    parts = line.strip().split(None, 1)
    match = re.match(r'(.*) \((.*)\)$', parts[1]) if len(parts) == 2 else None
    if match:
        stack.append((match.group(1), match.group(2)))
if stack:
    where[charge()] += 1
total = sum(where.values()) or 1
for name, count in where.most_common():
    if count / total >= 0.002:
        print(f'  {name:36} {100 * count / total:5.1f} %  {per_connection_us * count / total:6.1f} µs')
