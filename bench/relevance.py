#!/usr/bin/env python3
"""casebook's relevance harness: how often search puts the right past case
in the first ten hits, on a public test collection with human judgements.

    python3 bench/relevance.py                  # CISI, every judged query; prints and writes figures
    python3 bench/relevance.py --quick          # the first 300 abstracts and their judged queries (CI)
    python3 bench/relevance.py --results bench/RESULTS.md   # and update its relevance section

It imports every CISI abstract (title from `.T`, body from `.W`, its number as
the tag `cisi-N`) into a fresh temporary journal with `casebook import`, runs
each judged query's `.W` text, as pasted, through `casebook search --json
--limit 10`, and scores nDCG@10 (binary gains) and P@10 over the judged
queries. Beside it, in the same script on the same text, two references:
a plain BM25 (k1 1.2, b 0.75, lower-cased words, no stemming, no stopwords)
and BM25 with the Snowball English stemmer (written out below) and a short
stopword list, both over title + abstract.

CISI is the development collection (../shared/ir/cisi/, see its README): tune
on it and nothing else. Standard library only.
"""
import argparse, json, math, os, re, shutil, subprocess, sys, tempfile, time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_DATA = ROOT.parent / "shared" / "ir" / "cisi"


# ---------------------------------------------------------------- the collection

def sections(path):
    """Records of a SMART-format file: {field letter: text}, keyed by .I id."""
    records, current, field = {}, None, None
    for line in path.read_text(encoding="latin-1").splitlines():
        m = re.match(r"^\.([A-Z])(?:\s+(\d+))?\s*$", line)
        if m:
            if m.group(1) == "I":
                current = {}
                records[int(m.group(2))] = current
                field = None
            else:
                field = m.group(1)
                current.setdefault(field, [])
            continue
        if current is not None and field is not None:
            current[field].append(line)
    return {i: {k: " ".join(" ".join(v).split()) for k, v in r.items()} for i, r in records.items()}


def judgements(path):
    rel = defaultdict(set)
    for line in path.read_text(encoding="latin-1").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            rel[int(parts[0])].add(int(parts[1]))
    return rel


# ---------------------------------------------------------------- the references

STOPWORDS = set("""a an and are as at be but by for from has have he her his how i if in into is it its
of on or she so such than that the their them then there these they this to was were what when where
which who why will with would you your do does did can could should been being not no any all also
about other more most some""".split())


class Snowball:
    """The Snowball English (Porter2) stemmer, after snowballstem.org's
    description of it, for the reference ranking."""

    VOWELS = set("aeiouy")
    DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
    LI = set("cdeghkmnrt")
    EXCEPTIONS = {"skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
                  "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli",
                  "singly": "singl", "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas",
                  "cosmos": "cosmos", "bias": "bias", "andes": "andes"}
    AFTER_1A = {"inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"}

    def __init__(self):
        self.cache = {}

    def stem(self, word):
        s = self.cache.get(word)
        if s is None:
            s = self.cache[word] = self._stem(word)
        return s

    def _r(self, w, start=0):
        for i in range(start + 1, len(w)):
            if w[i] not in self.VOWELS and w[i - 1] in self.VOWELS:
                return i + 1
        return len(w)

    def _short_syllable_end(self, w):
        if len(w) == 2:
            return w[0] in self.VOWELS and w[1] not in self.VOWELS
        return (len(w) >= 3 and w[-3] not in self.VOWELS and w[-2] in self.VOWELS
                and w[-1] not in self.VOWELS and w[-1] not in "wxY")

    def _has_vowel(self, w):
        return any(c in self.VOWELS for c in w)

    def _stem(self, w):
        if len(w) <= 2:
            return w
        if w in self.EXCEPTIONS:
            return self.EXCEPTIONS[w]
        if w.startswith("'"):
            w = w[1:]
        if w.startswith("y"):
            w = "Y" + w[1:]
        w = "".join("Y" if c == "y" and i > 0 and w[i - 1] in self.VOWELS else c for i, c in enumerate(w))
        if w.startswith(("gener", "arsen")):
            r1 = 5
        elif w.startswith("commun"):
            r1 = 6
        else:
            r1 = self._r(w)
        r2 = self._r(w, r1)
        # Step 0
        for suf in ("'s'", "'s", "'"):
            if w.endswith(suf):
                w = w[: -len(suf)]
                break
        # Step 1a
        if w.endswith("sses"):
            w = w[:-2]
        elif w.endswith(("ied", "ies")):
            w = w[:-2] if len(w) > 4 else w[:-1]
        elif w.endswith(("us", "ss")):
            pass
        elif w.endswith("s") and self._has_vowel(w[:-2]):
            w = w[:-1]
        if w in self.AFTER_1A:
            return w.replace("Y", "y")
        # Step 1b
        for suf in ("eedly", "eed"):
            if w.endswith(suf):
                if len(w) - len(suf) >= r1:
                    w = w[: -len(suf)] + "ee"
                break
        else:
            for suf in ("ingly", "edly", "ing", "ed"):
                if w.endswith(suf):
                    stem = w[: -len(suf)]
                    if self._has_vowel(stem):
                        w = stem
                        if w.endswith(("at", "bl", "iz")):
                            w += "e"
                        elif w.endswith(self.DOUBLES):
                            w = w[:-1]
                        elif self._short_syllable_end(w) and r1 >= len(w):
                            w += "e"
                    break
        # Step 1c
        if len(w) > 2 and w[-1] in "yY" and w[-2] not in self.VOWELS:
            w = w[:-1] + "i"
        # Step 2
        step2 = [("ization", "ize"), ("ational", "ate"), ("fulness", "ful"), ("ousness", "ous"),
                 ("iveness", "ive"), ("tional", "tion"), ("biliti", "ble"), ("lessli", "less"),
                 ("entli", "ent"), ("ation", "ate"), ("alism", "al"), ("aliti", "al"), ("ousli", "ous"),
                 ("iviti", "ive"), ("fulli", "ful"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"),
                 ("izer", "ize"), ("ator", "ate"), ("alli", "al"), ("bli", "ble"), ("ogi", "og"), ("li", "")]
        for suf, rep in step2:
            if w.endswith(suf):
                if len(w) - len(suf) >= r1:
                    if suf == "ogi":
                        if w[-4:-3] == "l":
                            w = w[:-3] + rep
                    elif suf == "li":
                        if w[-3:-2] in self.LI:
                            w = w[:-2]
                    else:
                        w = w[: -len(suf)] + rep
                break
        # Step 3
        step3 = [("ational", "ate"), ("tional", "tion"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
                 ("ative", ""), ("ical", "ic"), ("ness", ""), ("ful", "")]
        for suf, rep in step3:
            if w.endswith(suf):
                if len(w) - len(suf) >= r1:
                    if suf == "ative":
                        if len(w) - len(suf) >= r2:
                            w = w[: -len(suf)]
                    else:
                        w = w[: -len(suf)] + rep
                break
        # Step 4
        step4 = ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous",
                 "ive", "ize", "ion", "al", "er", "ic"]
        for suf in step4:
            if w.endswith(suf):
                if len(w) - len(suf) >= r2:
                    if suf == "ion":
                        if w[-4:-3] in ("s", "t"):
                            w = w[:-3]
                    else:
                        w = w[: -len(suf)]
                break
        # Step 5
        if w.endswith("e"):
            if len(w) - 1 >= r2 or (len(w) - 1 >= r1 and not self._short_syllable_end(w[:-1])):
                w = w[:-1]
        elif w.endswith("l"):
            if len(w) - 1 >= r2 and w[-2:-1] == "l":
                w = w[:-1]
        return w.replace("Y", "y")


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


class BM25:
    def __init__(self, docs, analyse, k1=1.2, b=0.75):
        self.analyse, self.k1, self.b = analyse, k1, b
        self.tf = {d: Counter(analyse(t)) for d, t in docs.items()}
        self.len = {d: sum(c.values()) for d, c in self.tf.items()}
        self.avg = sum(self.len.values()) / max(1, len(self.len))
        df = Counter()
        for c in self.tf.values():
            df.update(c.keys())
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.post = defaultdict(list)
        for d, c in self.tf.items():
            for t, f in c.items():
                self.post[t].append((d, f))

    def top(self, query, k=10):
        scores = Counter()
        for t, qf in Counter(self.analyse(query)).items():
            idf = self.idf.get(t)
            if idf is None:
                continue
            for d, f in self.post[t]:
                norm = self.k1 * (1 - self.b + self.b * self.len[d] / self.avg)
                scores[d] += qf * idf * f * (self.k1 + 1) / (f + norm)
        return [d for d, _ in sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:k]]


# ---------------------------------------------------------------- scoring

def ndcg(ranked, relevant, k=10):
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:k]) if d in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def precision(ranked, relevant, k=10):
    return sum(1 for d in ranked[:k] if d in relevant) / k


# ---------------------------------------------------------------- casebook

def casebook_env(home):
    (home / ".gitconfig").write_text("[user]\n\tname = Relevance Runner\n\temail = rel@example.org\n"
                                     "[init]\n\tdefaultBranch = main\n[gc]\n\tauto = 0\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEBOOK_") and k not in ("EDITOR", "VISUAL")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), GIT_CONFIG_NOSYSTEM="1", NO_COLOR="1",
               CASEBOOK_PERSON="Relevance Runner")
    return env


def casebook_journal(cb, docs, work, env):
    journal = work / "journal"
    subprocess.run([cb, "init", str(journal), "--person", "Relevance Runner"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    data = work / "cisi.jsonl"
    with data.open("w") as f:
        for i, d in docs.items():
            f.write(json.dumps({"kind": "note", "title": d["title"] or f"CISI {i}", "body": d["body"] or ".",
                                "date": "2020-01-01", "person": "cisi", "tags": [f"cisi-{i}"]}) + "\n")
    p = subprocess.run([cb, "-C", str(journal), "import", str(data), "--allow-pii"], env=env,
                       capture_output=True, text=True)
    if p.returncode != 0 and "--allow-pii" in p.stderr:
        p = subprocess.run([cb, "-C", str(journal), "import", str(data)], env=env, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"casebook import failed ({p.returncode}):\n{p.stderr}")
    return journal


def casebook_top(cb, journal, env, query, flags):
    p = subprocess.run([cb, "-C", str(journal), "search", "--json", "--limit", "10", *flags, "--", query],
                       env=env, capture_output=True, text=True)
    if p.returncode == 1:
        return []
    if p.returncode != 0:
        raise SystemExit(f"casebook search failed ({p.returncode}) for {query!r}:\n{p.stderr}")
    out = []
    for hit in json.loads(p.stdout)["hits"]:
        for tag in hit.get("tags", []):
            if tag.startswith("cisi-"):
                out.append(int(tag[5:]))
    return out


# ---------------------------------------------------------------- results

SECTION = "## Search relevance (CISI)"


def split_section(text):
    """(text without the relevance section, the section) of a results file;
    the section runs from its heading to the next `## ` heading."""
    lines = text.splitlines()
    if SECTION not in lines:
        return text, ""
    start = lines.index(SECTION)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(lines[:start] + lines[end:]), "\n".join(lines[start:end])


def write_section(path, section):
    rest, _ = split_section(path.read_text() if path.exists() else "# casebook benchmark results\n")
    path.write_text(rest.rstrip("\n") + "\n\n" + "\n".join(section) + "\n")


# ---------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the CISI folder (CISI.ALL, .QRY, .REL)")
    p.add_argument("--bin", default=str(ROOT / "target" / "release" / "casebook"))
    p.add_argument("--quick", action="store_true",
                   help="the first 300 abstracts and the queries judged on them: a smoke test for CI")
    p.add_argument("--flags", default="", help="extra flags for casebook search (e.g. --exact)")
    p.add_argument("--results", help="replace (or add) the relevance section of this Markdown file")
    p.add_argument("--min-ndcg", type=float, default=None, help="exit 1 if casebook's nDCG@10 is below this")
    args = p.parse_args()

    if not (args.data / "CISI.ALL").exists():
        print(f"no CISI collection at {args.data}: skipped", file=sys.stderr)
        return 0
    cb = Path(args.bin)
    if not cb.exists():
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)

    raw = sections(args.data / "CISI.ALL")
    docs = {i: {"title": r.get("T", ""), "body": r.get("W", "")} for i, r in raw.items()}
    queries = {i: r.get("W", "") for i, r in sections(args.data / "CISI.QRY").items()}
    rel = judgements(args.data / "CISI.REL")
    if args.quick:
        docs = {i: d for i, d in docs.items() if i <= 300}
        rel = {q: {d for d in ds if d in docs} for q, ds in rel.items()}
    judged = sorted(q for q, ds in rel.items() if ds and q in queries)

    texts = {i: f"{d['title']} {d['body']}" for i, d in docs.items()}
    stemmer = Snowball()
    plain = BM25(texts, words)
    stemmed = BM25(texts, lambda t: [stemmer.stem(w) for w in words(t) if w not in STOPWORDS])

    work = Path(tempfile.mkdtemp(prefix="casebook-relevance-"))
    try:
        home = work / "home"
        home.mkdir()
        env = casebook_env(home)
        t0 = time.perf_counter()
        journal = casebook_journal(str(cb), docs, work, env)
        t_import = time.perf_counter() - t0
        scores = {"casebook": [[], []], "plain BM25": [[], []], "stemmed BM25 + stopwords": [[], []]}
        t0 = time.perf_counter()
        flags = args.flags.split()
        for q in judged:
            for name, ranked in (("casebook", casebook_top(str(cb), journal, env, queries[q], flags)),
                                 ("plain BM25", plain.top(queries[q])),
                                 ("stemmed BM25 + stopwords", stemmed.top(queries[q]))):
                scores[name][0].append(ndcg(ranked, rel[q]))
                scores[name][1].append(precision(ranked, rel[q]))
        t_search = time.perf_counter() - t0
    finally:
        shutil.rmtree(work, ignore_errors=True)

    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0
    size = "quick: first 300 abstracts" if args.quick else "full"
    lines = [f"CISI ({size}): {len(docs):,} abstracts, {len(judged)} judged queries "
             f"(import {t_import:.1f} s, {len(judged)} searches {t_search:.1f} s)", "",
             "| ranking | nDCG@10 | P@10 |", "| --- | ---: | ---: |"]
    for name, (n, pr) in scores.items():
        lines.append(f"| {name} | {mean(n):.3f} | {mean(pr):.3f} |")
    print("\n".join(lines))
    if args.results:
        cmd = "python3 bench/relevance.py " + " ".join(sys.argv[1:])
        section = [SECTION, "", f"Produced by `{cmd.strip()}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
                   "", *lines, ""]
        write_section(Path(args.results), section)
    ours = mean(scores["casebook"][0])
    if args.min_ndcg is not None and ours < args.min_ndcg:
        print(f"casebook nDCG@10 {ours:.3f} is below {args.min_ndcg}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
