#!/usr/bin/env python3
"""Convert a gen_corpus.py JSON Lines corpus to jrnl's plain-text journal, so
the benchmark can time `jrnl` searching the same entries.

    python3 bench/to_jrnl.py corpus.jsonl journal.txt [--limit 10000] \
        [--tags] [--config jrnl.yaml]      (or -o journal.txt)

Each entry becomes `[YYYY-MM-DD HH:MM] Title`, then the Markdown body, then a
blank line, in date order, which is how jrnl itself writes a journal
(timeformat `%Y-%m-%d %H:%M`). `--limit N` keeps the first N records of the
input (the corpus is already in date order). `--tags` adds a last line of
`@tag` words to each entry, so `jrnl @billing` has something to match.
`--config FILE` also writes a jrnl configuration (YAML) whose default journal
is the output file, with the same time format, `@` as the only tag symbol
(so Markdown `## ` headings are not read as tags), no colours and no
highlighting; run jrnl with it like so:

    jrnl --config-file jrnl.yaml -contains refund --short

Python 3.11 standard library only.
"""

import argparse
import json
import os
import re
import sys

# jrnl starts a new entry at any line that opens with "[something] ".
ENTRY_START = re.compile(r"^\[[^\]]+\] ")

CONFIG = """\
colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.1
"""


def stamp(date):
    """'2024-03-14T10:32:00Z' (or '2024-03-14') -> '2024-03-14 10:32'."""
    day = date[:10]
    t = date[11:16] if len(date) >= 16 else "09:00"
    return f"{day} {t}"


def one_line(text):
    return " ".join(text.split())


def convert(lines, limit, tags):
    records = []
    for n, line in enumerate(lines, 1):
        if limit is not None and len(records) >= limit:
            break
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            sys.exit(f"line {n}: not JSON: {e}")
        date = r.get("date") or r.get("created")
        if not date:
            sys.exit(f"line {n}: the record has no date")
        records.append((stamp(date), n, r))
    records.sort(key=lambda x: (x[0], x[1]))
    out = []
    for st, _, r in records:
        title = one_line(r.get("title") or "") or "Untitled"
        body_lines = []
        for bl in (r.get("body") or "").rstrip("\n").split("\n"):
            # A body line that jrnl would take for a new entry gets a space.
            body_lines.append(" " + bl if ENTRY_START.match(bl) else bl)
        if tags and r.get("tags"):
            body_lines.append("")
            body_lines.append(" ".join("@" + t for t in r["tags"]))
        body = "\n".join(body_lines).strip("\n")
        out.append(f"[{st}] {title}\n{body}\n" if body else f"[{st}] {title}\n")
    return "\n".join(out), len(records)


def main():
    ap = argparse.ArgumentParser(description="Convert a casebook corpus (JSON Lines) to a jrnl text journal.")
    ap.add_argument("input", help="corpus file from gen_corpus.py ('-' for stdin)")
    ap.add_argument("out", nargs="?", help="jrnl journal file to write (same as -o)")
    ap.add_argument("-o", "--output", help="jrnl journal file to write ('-' for stdout)")
    ap.add_argument("--limit", type=int, help="convert only the first N records")
    ap.add_argument("--tags", action="store_true", help="add each entry's tags as @tag words")
    ap.add_argument("--config", metavar="FILE", help="also write a jrnl config (YAML) for the output journal")
    a = ap.parse_args()
    if a.out and a.output and a.out != a.output:
        ap.error("give the output file once (OUT or -o)")
    a.output = a.output or a.out
    if not a.output:
        ap.error("the output file is required (OUT or -o FILE)")
    if a.config and a.output == "-":
        ap.error("--config needs a file for --output")
    src = sys.stdin if a.input == "-" else open(a.input, encoding="utf-8")
    with src:
        text, n = convert(src, a.limit, a.tags)
    if a.output == "-":
        sys.stdout.write(text)
    else:
        with open(a.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    if a.config:
        journal = os.path.abspath(a.output)
        with open(a.config, "w", encoding="utf-8") as f:
            f.write(CONFIG.format(journal=json.dumps(journal)))
    print(f"wrote {n} jrnl entries to {a.output}" + (f" and a config to {a.config}" if a.config else ""),
          file=sys.stderr)


if __name__ == "__main__":
    main()
