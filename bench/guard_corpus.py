#!/usr/bin/env python3
"""Builds the personal-data guard's labelled corpus from public third-party
test suites and real support requests, for `examples/guard_figures.rs`.

The labels are theirs, not ours: Microsoft Presidio's recognizer tests
(email, phone, card, IBAN, IP, MAC as non-IP), Yelp detect-secrets' plugin
tests, gitleaks' rule examples (true and false positives), and, as clean
text, customer requests from public support data sets (PolyAI BANKING77,
Bitext retail banking). None of their files is copied into this repository:
this script reads local checkouts of them and writes JSON Lines under
`target/guard-corpus/` (or `--out`), one case a line:

    {"source": "presidio:test_phone_recognizer.py", "kind": "phone",
     "text": "...", "label": true, "spans": [[16, 30]]}

`label` true: the text holds that kind (at `spans` where the suite says);
false: the suite says it holds none of that kind. Clean support text has
kind "clean": the guard should find nothing in it.

Usage:
    python3 bench/guard_corpus.py --presidio DIR --detect-secrets DIR \
        --gitleaks DIR --support DIR [--support DIR...] [--out target/guard-corpus]

Each DIR is a checkout (a work tree, or a bare git directory: files are
then read from HEAD with `git show`). Missing sources are skipped with a
note. Generated secrets (gitleaks builds many examples from a regex at run
time) come from a seeded generator, so the corpus is the same every run.
"""

import argparse
import ast
import base64
import csv
import gzip
import io
import json
import os
import random
import re
import subprocess
import sys

try:
    import re._parser as sre_parse  # Python 3.11+
    import re._constants as sre_c
except ImportError:  # pragma: no cover
    import sre_parse
    import sre_constants as sre_c


class Source:
    """A checkout: a work tree or a bare git directory."""

    def __init__(self, path):
        self.path = path
        self.bare = not os.path.isdir(os.path.join(path, ".git")) and os.path.exists(
            os.path.join(path, "HEAD")
        )

    def files(self, prefix):
        if self.bare:
            out = subprocess.run(
                ["git", "--git-dir", self.path, "ls-tree", "-r", "--name-only", "HEAD"]
                + ([prefix] if prefix else []),
                capture_output=True, text=True, check=True,
            ).stdout
            return [l for l in out.splitlines() if l]
        found = []
        for root, _, names in os.walk(os.path.join(self.path, prefix)):
            for n in names:
                found.append(os.path.relpath(os.path.join(root, n), self.path))
        return sorted(found)

    def read(self, rel):
        if self.bare:
            r = subprocess.run(
                ["git", "--git-dir", self.path, "show", f"HEAD:{rel}"], capture_output=True
            )
            if r.returncode != 0:
                return None
            return r.stdout.decode("utf-8", "replace")
        try:
            with open(os.path.join(self.path, rel), encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return None


# ---------------------------------------------------------------- Python suites


def module_namespace(tree):
    """Module-level constants of a test file (COMMON_SECRET = '...'), evaluated
    with nothing but literals, str.format and base64."""
    ns = {"base64": base64, "randint": lambda a, b: a}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
            node.targets[0], ast.Name
        ):
            try:
                ns[node.targets[0].id] = eval(
                    compile(ast.Expression(node.value), "<case>", "eval"), {"__builtins__": {}}, ns
                )
            except Exception:
                pass
    return ns


def parametrized(text):
    """(names, rows) of every @pytest.mark.parametrize in a file."""
    tree = ast.parse(text)
    ns = module_namespace(tree)
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for dec in node.decorator_list:
            if not (isinstance(dec, ast.Call) and getattr(dec.func, "attr", "") == "parametrize"):
                continue
            if len(dec.args) < 2:
                continue
            try:
                names = ast.literal_eval(dec.args[0])
                rows = eval(
                    compile(ast.Expression(dec.args[1]), "<case>", "eval"),
                    {"__builtins__": {"str": str, "len": len}}, ns,
                )
            except Exception:
                continue
            if isinstance(names, str):
                names = [n.strip() for n in names.split(",")]
            out.append((node.name, list(names), list(rows)))
    return out


PRESIDIO = {
    "test_email_recognizer.py": "email",
    "test_phone_recognizer.py": "phone",
    "test_credit_card_recognizer.py": "card",
    "test_iban_recognizer.py": "iban",
    "test_ip_recognizer.py": "ip",
    # MAC addresses are not IP addresses: every one is a negative for ip.
    "test_mac_recognizer.py": "ip-negative",
}


def presidio(src):
    cases = []
    for rel in src.files("presidio-analyzer/tests"):
        name = os.path.basename(rel)
        kind = PRESIDIO.get(name)
        if not kind:
            continue
        for func, names, rows in parametrized(src.read(rel) or ""):
            if "text" not in names and "expected_len" not in names:
                continue
            ti = names.index("text") if "text" in names else 0
            for row in rows:
                if not isinstance(row, (tuple, list)) or not isinstance(row[ti], str):
                    continue
                text = row[ti]
                if kind == "ip-negative":
                    cases.append(case(f"presidio:{name}", "ip", text, False))
                    continue
                n = row[names.index("expected_len")] if "expected_len" in names else None
                if not isinstance(n, int):
                    continue
                spans = []
                if "expected_positions" in names:
                    pos = row[names.index("expected_positions")]
                    spans = [list(p) for p in pos if isinstance(p, (tuple, list)) and len(p) == 2]
                if n == 0:
                    cases.append(case(f"presidio:{name}", kind, text, False))
                elif spans:
                    for s in spans:
                        cases.append(case(f"presidio:{name}", kind, text, True, [s]))
                else:
                    cases.append(case(f"presidio:{name}", kind, text, True))
    return cases


def detect_secrets(src):
    cases = []
    for rel in src.files("tests/plugins"):
        name = os.path.basename(rel)
        if not name.endswith("_test.py") or name == "base_test.py":
            continue
        kind = "ip" if name == "ip_public_test.py" else "secret"
        for func, names, rows in parametrized(src.read(rel) or ""):
            if "filename" in names or "file_extension" in names:
                continue
            for row in rows:
                if not isinstance(row, (tuple, list)) or len(row) < 2:
                    continue
                text, want = row[0], row[1]
                if not isinstance(text, str) or len(text) > 2000:
                    continue
                if "should_flag" in names:
                    want = row[names.index("should_flag")]
                    if not isinstance(want, bool):
                        continue
                    label = want
                elif isinstance(want, (str, type(None))):
                    label = want is not None
                elif isinstance(want, bool):
                    label = want
                else:
                    continue
                cases.append(case(f"detect-secrets:{name}", kind, text, label))
    return cases


# ---------------------------------------------------------------- gitleaks


class GoExpr:
    """Just enough of Go's expression grammar to evaluate the `tps` and
    `fps` of gitleaks' rule files: string literals, +, []string{...},
    append(...) and the sample and secret helpers of its generator."""

    TOKEN = re.compile(
        r"\s+|//[^\n]*|/\*.*?\*/|(`[^`]*`)|(\"(?:\\.|[^\"\\])*\")|(\.\.\.)|([A-Za-z_][\w.]*)|(\d+)|(.)",
        re.S,
    )

    def __init__(self, text, rng):
        self.toks = []
        for m in self.TOKEN.finditer(text):
            raw, interp, dots, ident, num, other = m.groups()
            if raw is not None:
                self.toks.append(("str", raw[1:-1]))
            elif interp is not None:
                self.toks.append(("str", ast.literal_eval(interp.replace("\\`", "`"))))
            elif dots:
                self.toks.append(("op", "..."))
            elif ident:
                self.toks.append(("id", ident))
            elif num:
                self.toks.append(("num", int(num)))
            elif other:
                self.toks.append(("op", other))
        self.i = 0
        self.rng = rng

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else ("eof", None)

    def take(self, want=None):
        t = self.peek()
        if want is not None and t[1] != want:
            raise ValueError(f"expected {want}, got {t}")
        self.i += 1
        return t

    def expr(self):
        v = self.term()
        while self.peek() == ("op", "+"):
            self.take()
            r = self.term()
            if isinstance(v, list) or isinstance(r, list):
                raise ValueError("list +")
            v = v + r
        return v

    def args(self):
        self.take("(")
        out = []
        while self.peek() != ("op", ")"):
            v = self.expr()
            if self.peek() == ("op", "..."):
                self.take()
                out.append(("spread", v))
            else:
                out.append(v)
            if self.peek() == ("op", ","):
                self.take()
        self.take(")")
        return out

    def term(self):
        kind, val = self.take()
        if kind == "str":
            return val
        if kind == "num":
            return val
        if kind == "op" and val == "[":
            self.take("]")
            self.take()  # string
            self.take("{")
            items = []
            while self.peek() != ("op", "}"):
                items.append(self.expr())
                if self.peek() == ("op", ","):
                    self.take()
            self.take("}")
            return items
        if kind == "op" and val == "(":
            v = self.expr()
            self.take(")")
            return v
        if kind == "id":
            if self.peek() != ("op", "("):
                if val in ("tps", "fps"):
                    return []
                raise ValueError(f"unknown name {val}")
            a = self.args()
            return self.call(val.split(".")[-1], a)
        raise ValueError(f"unexpected {kind} {val}")

    def call(self, name, a):
        sizes = {
            "Numeric": "[0-9]{%s}",
            "Hex": "[a-f0-9]{%s}",
            "AlphaNumeric": "[a-z0-9]{%s}",
            "AlphaNumericExtendedShort": "[a-z0-9_-]{%s}",
            "AlphaNumericExtended": r"[a-z0-9=_\-]{%s}",
            "AlphaNumericExtendedLong": r"[a-z0-9\/=_\+\-]{%s}",
        }
        if name in sizes:
            return sizes[name] % a[0]
        if name == "Hex8_4_4_4_12":
            return "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        if name in ("NewSecret", "newPlausibleSecret"):
            return generate(a[0], self.rng)
        if name == "GenerateSampleSecret":
            return f'{a[0]}_api_token = "{a[1]}"'
        if name == "GenerateSampleSecrets":
            return sample_secrets(a[0], a[1])
        if name == "append":
            out = []
            for x in a[1:]:
                if isinstance(x, tuple):
                    out.extend(x[1])
                else:
                    out.append(x)
            return out
        if name == "Repeat":
            return a[0] * a[1]
        if name == "ToUpper":
            return a[0].upper()
        if name == "ToLower":
            return a[0].lower()
        if name == "Sprintf":
            return a[0].replace("%q", '"%s"').replace("%v", "%s") % tuple(a[1:])
        if name == "EncodeToString" or name == "string":
            return a[0]
        raise ValueError(f"unknown call {name}")


SAMPLES = [
    '{i}Token="{s}"', '{i}Token = "{s}"', "{i}Token={s}", "{i}Token = {s}",
    '{\n    "{i}_token": "{s}"\n}', '{"config.ini": "{I}_TOKEN={s}\\nBACKUP_ENABLED=true"}',
    "<{i}Token>\n    {s}\n</{i}Token>", "{i}_token: {s}", "{i}_token: '{s}'", '{i}_token: "{s}"',
    'string {i}Token = "{s}";', 'var {i}Token string = "{s}"', '{i}Token := "{s}"',
    "{i}Token := `{s}`", 'String {i}Token = "{s}";', 'var {i}Token = "{s}"', '${i}Token .= "{s}"',
    "{i}Token = '{s}'", '{i}Token = "{s}"', 'System.setProperty("{I}_TOKEN", "{s}")',
    '  "{i}Token" => "{s}"', '{i}_TOKEN = "{s}"', '{i}_TOKEN := "{s}"', '{i}_TOKEN ::= "{s}"',
    '{i}_TOKEN :::= "{s}"', '{i}_TOKEN ?= "{s}"',
]


def sample_secrets(i, s):
    """The forms gitleaks' `utils.GenerateSampleSecrets` writes a secret in
    (INI, JSON, XML, YAML, code, Makefile), written out here by hand."""
    return [t.replace("{i}", i).replace("{I}", i.upper()).replace("{s}", s) for t in SAMPLES]


def generate(pattern, rng):
    """A random string matching a regular expression, seeded."""
    tree = sre_parse.parse(pattern.replace("(?i)", "").replace(r"\z", ""))

    def gen(items):
        out = []
        for op, av in items:
            if op == sre_c.LITERAL:
                out.append(chr(av))
            elif op == sre_c.NOT_LITERAL:
                out.append("x" if chr(av) != "x" else "y")
            elif op == sre_c.ANY:
                out.append(rng.choice("abcdef0123456789"))
            elif op == sre_c.IN:
                out.append(pick(av))
            elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
                lo, hi, sub = av
                hi = lo + 8 if hi == sre_c.MAXREPEAT else hi
                n = rng.randint(lo, max(lo, hi))
                for _ in range(n):
                    out.append(gen(sub))
            elif op == sre_c.SUBPATTERN:
                out.append(gen(av[-1]))
            elif op == sre_c.BRANCH:
                out.append(gen(rng.choice(av[1])))
            elif op == sre_c.CATEGORY:
                out.append(category(av))
            elif op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
                pass
            else:
                raise ValueError(f"regex op {op}")
        return "".join(out)

    def category(c):
        if c == sre_c.CATEGORY_DIGIT:
            return rng.choice("0123456789")
        if c == sre_c.CATEGORY_SPACE:
            return " "
        if c == sre_c.CATEGORY_WORD:
            return rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return "x"

    def pick(av):
        chars = []
        negate = False
        for op, v in av:
            if op == sre_c.NEGATE:
                negate = True
            elif op == sre_c.LITERAL:
                chars.append(chr(v))
            elif op == sre_c.RANGE:
                chars.extend(chr(c) for c in range(v[0], v[1] + 1))
            elif op == sre_c.CATEGORY:
                chars.append(category(v))
        if negate or not chars:
            return "q"
        return rng.choice(chars)

    return gen(tree)


def gitleaks(src):
    cases = []
    skipped = 0
    rng = random.Random(25)
    stmt = re.compile(r"^\s*(tps|fps)\s*:?=\s*", re.M)
    for rel in src.files("cmd/generate/config/rules"):
        if not rel.endswith(".go") or rel.endswith("_test.go"):
            continue
        text = src.read(rel) or ""
        for m in stmt.finditer(text):
            which = m.group(1)
            rest = text[m.end():]
            p = GoExpr(rest, rng)
            try:
                v = p.expr()
            except Exception:
                skipped += 1
                continue
            items = v if isinstance(v, list) else [v]
            for t in items:
                if isinstance(t, str) and t.strip():
                    cases.append(case(f"gitleaks:{os.path.basename(rel)}", "secret", t, which == "tps"))
    if skipped:
        print(f"gitleaks: {skipped} statements not understood, skipped", file=sys.stderr)
    return cases


# ---------------------------------------------------------------- clean support text


def support(src):
    """Customer requests, as customers wrote them or as public support data
    sets record them: PolyAI's BANKING77 (online-banking queries), Bitext's
    customer-service sample, the inbound tweets of the Customer Support on
    Twitter sample, and the multilingual help-desk tickets set (subject,
    body and answer). Found by file name in any checkout given."""
    cases = []

    def rows(rel):
        text = src.read(rel) or ""
        # One checkout keeps a merge conflict in its copy: read one side.
        if text.startswith("<<<<<<<"):
            text = text.split("\n", 1)[1].split("\n=======\n", 1)[0]
        return csv.DictReader(io.StringIO(text.lstrip("\ufeff")))

    for rel in src.files(""):
        base = os.path.basename(rel)
        if rel.endswith("BANKING77/data/test.csv") or rel.endswith("BANKING77/data/train.csv"):
            cases += [case("banking77", "clean", r["text"], False) for r in rows(rel) if r.get("text")]
        elif base == "Bitext_Sample_Customer_Service_Training_Dataset.csv":
            cases += [case("bitext", "clean", r["utterance"], False) for r in rows(rel) if r.get("utterance")]
        elif rel.endswith("CustomerSupportOnTwitter/sample.csv"):
            # Only what customers wrote: the companies' replies carry their
            # own support lines, which are phone numbers.
            cases += [
                case("twcs", "clean", r["text"], False)
                for r in rows(rel)
                if r.get("text") and r.get("inbound") == "True"
            ]
        elif base.startswith("aa_dataset-tickets-multi-lang") and base.endswith(".csv"):
            for r in rows(rel):
                for col in ("subject", "body", "answer"):
                    t = (r.get(col) or "").replace("\\n", "\n")
                    if t.strip():
                        cases.append(case("tickets", "clean", t, False))
    return cases


# Published under non-commercial licences (Customer Support on Twitter:
# CC BY-NC-SA 4.0; the multilingual tickets: CC BY-NC 4.0), so measured
# locally but not copied into tests/fixtures/.
NOT_REDISTRIBUTABLE = {"twcs", "tickets"}


def case(source, kind, text, label, spans=None):
    c = {"source": source, "kind": kind, "text": text, "label": label}
    if spans:
        c["spans"] = spans
    return c


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--presidio")
    ap.add_argument("--detect-secrets")
    ap.add_argument("--gitleaks")
    ap.add_argument("--support", action="append", default=[], help="a checkout holding support text (repeatable)")
    ap.add_argument("--out", default="target/guard-corpus")
    ap.add_argument(
        "--fixture",
        action="store_true",
        help="write gzipped files and leave out the support sets whose licences forbid "
        "redistribution (as tests/fixtures/guard-corpus/ holds them)",
    )
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for name, paths, fn in [
        ("presidio", [a.presidio], presidio),
        ("detect-secrets", [a.detect_secrets], detect_secrets),
        ("gitleaks", [a.gitleaks], gitleaks),
        ("support", a.support, support),
    ]:
        paths = [p for p in paths if p]
        if not paths:
            print(f"{name}: no checkout given, skipped", file=sys.stderr)
            continue
        cases = [c for p in paths for c in fn(Source(p))]
        if a.fixture:
            cases = [c for c in cases if c["source"] not in NOT_REDISTRIBUTABLE]
        # One case once: suites repeat themselves across parametrizations.
        seen = set()
        unique = []
        for c in cases:
            key = (c["kind"], c["text"], c["label"], json.dumps(c.get("spans")))
            if key not in seen:
                seen.add(key)
                unique.append(c)
        body = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in unique).encode()
        if a.fixture:
            # mtime 0: the same corpus gives the same bytes.
            with open(os.path.join(a.out, f"{name}.jsonl.gz"), "wb") as raw:
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
                    f.write(body)
        else:
            with open(os.path.join(a.out, f"{name}.jsonl"), "wb") as f:
                f.write(body)
        by = {}
        for c in unique:
            k = (c["kind"], c["label"])
            by[k] = by.get(k, 0) + 1
        summary = ", ".join(f"{k}{'+' if l else '-'} {n}" for (k, l), n in sorted(by.items()))
        print(f"{name}: {len(unique)} cases ({summary})", file=sys.stderr)


if __name__ == "__main__":
    main()
