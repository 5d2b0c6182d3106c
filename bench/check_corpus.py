#!/usr/bin/env python3
"""Check a corpus written by gen_corpus.py and print its shape.

    python3 bench/check_corpus.py corpus.jsonl [--words refund mojibake ...]

Every line must be a JSON object with the common keys and the fields of its
kind with the types of docs/entry-kinds.md (ints as JSON numbers, bools as
JSON booleans, dates as YYYY-MM-DD, lists as arrays, enum values from the
list). Prints the kind mix, body sizes, people, date range, distinct titles
and, with --words, in how many entries (title or body) each word occurs,
case-insensitively, as `grep -i -l` would count files. Exits 1 on any
problem. Python 3.11 standard library only.
"""

import argparse
import json
import re
import sys
from collections import Counter

SKILLS = {
    "self-care", "time-and-task-management", "goal-setting-and-accountability",
    "focus-and-follow-through", "complex-case-diagnosis", "empathic-communication",
    "knowledge-base-specification", "agent-escalation-tuning", "quality-sampling-judgment",
    "hand-off-documentation", "cross-product-context", "adaptability",
}

TEXT, INT, BOOL, DATE, LIST, NUM = "text", "int", "bool", "date", "list", "number"


def rng(lo, hi):
    return ("int", lo, hi)


def enum(*values):
    return ("enum",) + values


FIELDS = {
    "diagnosis": {"prediction": TEXT, "confidence": rng(0, 100), "actual": TEXT,
                  "verdict": enum("hit", "partial", "miss", "unknown"), "resolved": DATE},
    "postmortem": {"shifted": TEXT, "phrases": LIST, "phrase_context": TEXT, "near_loss": TEXT,
                   "sentiment_start": rng(1, 5), "sentiment_end": rng(1, 5)},
    "kb": {"status": enum("draft", "published", "retired"), "article_id": TEXT, "gap_case": TEXT,
           "gap_entry": TEXT, "first_seen": DATE, "published": DATE, "retired": DATE,
           "last_verified": DATE, "review_interval_days": INT, "corrections": INT,
           "search_terms": LIST, "deflections": INT},
    "escalation": {"category": enum("should-have-handled", "correctly-escalated", "correct-but-late"),
                   "trigger": enum("complexity", "sentiment", "rule", "stakes", "customer-asked"),
                   "reason": TEXT, "playbook_gap": TEXT, "pattern": TEXT},
    "qa": {"ticket": TEXT, "accuracy": rng(1, 5), "tone": rng(1, 5), "policy": rng(1, 5),
           "resolution": rng(1, 5), "critical_fail": BOOL, "missed_escalation": BOOL,
           "flagged": BOOL, "flag_status": enum("open", "closed", "dismissed")},
    "handoff": {"function": enum("engineering", "customer-success", "sales", "product", "other"),
                "summary": TEXT, "feedback": TEXT},
    "explore": {"area": TEXT, "minutes": INT},
    "proposal": {"target": enum("playbook", "escalation-rule", "kb-article", "retraining-set", "handoff-template"),
                 "pattern": TEXT, "evidence": LIST,
                 "status": enum("proposed", "accepted", "shipped", "rejected"),
                 "proposed": DATE, "accepted": DATE, "shipped": DATE, "rejected": DATE, "change_ref": TEXT},
    "approval": {"gate": enum("refund", "account-change", "sensitive-message", "high-tier"),
                 "decision": enum("approved", "amended", "rejected", "escalated"),
                 "agent_proposal": TEXT, "policy": TEXT, "why": TEXT, "reversed": BOOL, "reversal": TEXT},
    "teach": {"format": enum("pairing", "session", "guide"), "audience": TEXT, "minutes": INT},
    "note": {},
    "rating": {"skill": TEXT, "level": enum("rookie", "pro", "master"), "rater": enum("self", "lead", "peer"),
               "rater_name": TEXT, "evidence": LIST},
    "metric": {"period": TEXT, "csat": NUM, "csat_n": INT, "reopen_rate": NUM, "fcr": NUM,
               "qa_score": NUM, "cases_handled": INT, "source": TEXT},
}

COMMON = {"kind", "id", "title", "body", "date", "person", "tags", "skills", "products",
          "case", "tier", "links", "private"}
REQUIRED = ("kind", "title", "body", "date", "person", "tags", "skills", "products")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_RE = re.compile(r"^[k-z]{12}$")


def check_value(spec, v):
    if spec == TEXT:
        return isinstance(v, str) and v.strip() != ""
    if spec == INT:
        return isinstance(v, int) and not isinstance(v, bool)
    if spec == NUM:
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if spec == BOOL:
        return isinstance(v, bool)
    if spec == DATE:
        return isinstance(v, str) and DATE_RE.match(v) is not None
    if spec == LIST:
        return isinstance(v, list) and all(isinstance(x, str) and x for x in v)
    if spec[0] == "int":
        return isinstance(v, int) and not isinstance(v, bool) and spec[1] <= v <= spec[2]
    if spec[0] == "enum":
        return v in spec[1:]
    return False


def check_record(r):
    errs = []
    if not isinstance(r, dict):
        return ["not an object"]
    for k in REQUIRED:
        if k not in r:
            errs.append(f"missing {k}")
    kind = r.get("kind")
    if kind not in FIELDS:
        return errs + [f"unknown kind {kind!r}"]
    for k in ("title", "body", "person"):
        if not isinstance(r.get(k), str) or not r.get(k, "").strip():
            errs.append(f"{k} must be non-empty text")
    if not STAMP_RE.match(str(r.get("date", ""))):
        errs.append(f"date {r.get('date')!r} is not YYYY-MM-DDTHH:MM:SSZ")
    if not SLUG_RE.match(str(r.get("person", ""))):
        errs.append(f"person {r.get('person')!r} is not a kebab-case slug")
    if "id" in r and not ID_RE.match(str(r["id"])):
        errs.append(f"id {r['id']!r} is not 12 letters k-z")
    for k in ("tags", "skills", "products", "links"):
        if k in r and not check_value(LIST, r[k]):
            errs.append(f"{k} must be a list of text")
    for s in r.get("skills", []):
        if s not in SKILLS:
            errs.append(f"unknown skill {s!r}")
    for k in ("case", "tier"):
        if k in r and not check_value(TEXT, r[k]):
            errs.append(f"{k} must be text")
    if "private" in r and not isinstance(r["private"], bool):
        errs.append("private must be a boolean")
    spec = FIELDS[kind]
    for k, v in r.items():
        if k in COMMON:
            continue
        if k not in spec:
            errs.append(f"unknown field {k!r} for {kind}")
        elif not check_value(spec[k], v):
            errs.append(f"bad {k}={v!r}")
    if kind == "rating" and r.get("skill") not in SKILLS:
        errs.append(f"rating skill {r.get('skill')!r} unknown")
    n = len(r.get("body", "").encode("utf-8"))
    if not 300 <= n <= 5000:
        errs.append(f"body is {n} bytes (want 300..5000)")
    return errs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--words", nargs="*", default=[], help="count entries containing each word")
    a = ap.parse_args()
    kinds, people, bad = Counter(), Counter(), 0
    sizes, titles, dates, ids = [], set(), [], set()
    words = [w.lower() for w in a.words]
    hits = Counter()
    n = 0
    with open(a.file, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            n += 1
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"{a.file}:{line_no}: not JSON: {e}")
                bad += 1
                continue
            errs = check_record(r)
            if "id" in r:
                if r["id"] in ids:
                    errs.append(f"duplicate id {r['id']}")
                ids.add(r["id"])
            if errs:
                bad += 1
                if bad <= 20:
                    print(f"{a.file}:{line_no}: " + "; ".join(errs))
                continue
            kinds[r["kind"]] += 1
            people[r["person"]] += 1
            sizes.append(len(r["body"].encode("utf-8")))
            titles.add(r["title"])
            dates.append(r["date"])
            if words:
                text = (r["title"] + "\n" + r["body"]).lower()
                for w in words:
                    if w in text:
                        hits[w] += 1
    if not sizes:
        print("no valid entries")
        return 1
    sizes.sort()
    print(f"entries: {n}, invalid: {bad}")
    print("kinds: " + ", ".join(f"{k} {c} ({100 * c / len(sizes):.1f}%)" for k, c in kinds.most_common()))
    print(f"people: {len(people)} (entries per person {min(people.values())}..{max(people.values())})")
    print(f"dates: {min(dates)} .. {max(dates)}")
    print(f"body bytes: mean {sum(sizes) / len(sizes):.0f}, min {sizes[0]}, median {sizes[len(sizes) // 2]}, "
          f"p95 {sizes[int(len(sizes) * 0.95)]}, max {sizes[-1]}")
    print(f"distinct titles: {len(titles)} ({100 * len(titles) / len(sizes):.1f}%)")
    for w in words:
        print(f"  {w!r}: {hits[w]} entries")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
