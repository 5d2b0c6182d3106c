#!/usr/bin/env python3
"""The shape issue 23 asks of src/cli/: total lines and functions over 80 lines.

    python3 bench/shape.py [--limit 80] [DIR...]

Prints the total line count of each DIR (default src/cli) and every function
longer than the limit, longest first. A function runs from its `fn` line to
the line where its braces balance again (strings and comments are skipped
well enough for rustfmt-formatted code).
"""
import argparse
import os
import re
import sys

FN = re.compile(r'^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)')


def strip(line):
    # drop string literals and line comments, roughly
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(\\.|[^'\\])'", "''", line)
    return line.split('//', 1)[0]


def functions(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    i = 0
    while i < len(lines):
        m = FN.match(lines[i])
        if not m:
            i += 1
            continue
        depth, opened, j = 0, False, i
        while j < len(lines):
            s = strip(lines[j])
            if not opened and ';' in s and '{' not in s:
                break  # a declaration without a body
            depth += s.count('{') - s.count('}')
            if '{' in s:
                opened = True
            if opened and depth <= 0:
                yield m.group(6), i + 1, j - i + 1
                break
            j += 1
        i += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--limit', type=int, default=80)
    ap.add_argument('dirs', nargs='*', default=['src/cli'])
    a = ap.parse_args()
    long = []
    for d in a.dirs:
        total = 0
        for root, _, files in os.walk(d):
            for f in files:
                if f.endswith('.rs'):
                    p = os.path.join(root, f)
                    total += sum(1 for _ in open(p, encoding='utf-8'))
                    long += [(n, p, l, name) for name, l, n in functions(p) if n > a.limit]
        print(f'{d}: {total} lines')
    long.sort(reverse=True)
    print(f'{len(long)} functions over {a.limit} lines')
    for n, p, l, name in long:
        print(f'  {n:4d}  {p}:{l}  {name}')


if __name__ == '__main__':
    sys.exit(main())
