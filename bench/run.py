#!/usr/bin/env python3
"""casebook's benchmark harness: whole processes, on generated journals,
side by side with the tools a user would otherwise reach for.

    python3 bench/run.py                        # 10k and 100k entries, writes bench/RESULTS.md
    python3 bench/run.py --sizes 1000 --runs 2  # a quick run (what CI does)
    python3 bench/run.py --million              # adds a 1,000,000-entry journal

Each figure is the median of --runs runs of one whole process, with its peak
resident memory (from wait4). Comparisons run in the same journal, in the same
run: `git grep -i -l` and `rg -i -l` for the same words as each search,
`git add` + `git commit` of one file beside `casebook new --no-edit`, and jrnl
(from PyPI) searching the first 10,000 entries exported to its format.
Standard library only.
"""
import argparse, json, os, platform, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# Targets from PRODUCT.md ("Performance targets") and the search issue, by
# journal size; None where PRODUCT sets none at that size.
TARGETS = {
    100_000: dict(search_ms=10, search_mb=30, search_x=50, new_ms=100, new_x=1.5, reindex_ms=8000,
                  reindex_mb=300, list_ms=30, review_person_ms=150, review_team_ms=2000, import_ms=30000),
    1_000_000: dict(search_ms=20, search_mb=None, search_x=50, new_ms=200, new_x=1.5, reindex_ms=90000,
                    reindex_mb=None, list_ms=60, review_person_ms=None, review_team_ms=15000, import_ms=None),
}


def run(cmd, cwd=None, env=None, stdin=None, check=True):
    """Runs one process; returns (seconds, peak RSS in MB, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=stdin or subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if check and code not in (0, 1):
        raise SystemExit(f"command failed ({code}): {' '.join(map(str, cmd))}\n{err}")
    return elapsed, usage.ru_maxrss / 1024.0, code


def measure(cmd, runs, cwd, env, before=None):
    times, rss = [], []
    for _ in range(runs):
        if before:
            before()
        t, m, _ = run(cmd, cwd=cwd, env=env)
        times.append(t)
        rss.append(m)
    return statistics.median(times) * 1000.0, max(rss)


def measure_pair(cmd_a, cmd_b, runs, cwd, env, before=None):
    """Two commands measured in turns (a, b, a, b, ...), so that the load of
    the shared host falls on both alike; medians in ms and peak RSS."""
    ta, tb, ra, rb = [], [], [], []
    for _ in range(runs):
        for cmd, times, rss in ((cmd_a, ta, ra), (cmd_b, tb, rb)):
            if before:
                before()
            t, m, _ = run(cmd, cwd=cwd, env=env)
            times.append(t)
            rss.append(m)
    return (statistics.median(ta) * 1000.0, max(ra)), (statistics.median(tb) * 1000.0, max(rb))


def output(cmd, cwd=None, env=None):
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True).stdout


def load():
    return os.getloadavg()[0]


def machine():
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) // 1024 // 1024} GiB"
    except OSError:
        pass
    def version(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
        except (OSError, IndexError):
            return "not installed"
    return {
        "cpu": f"{os.cpu_count()} cores, {model}",
        "memory": mem,
        "os": platform.platform(),
        "git": version(["git", "--version"]),
        "rg": version(["rg", "--version"]),
        "jrnl": version(["jrnl", "--version"]),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def queries():
    """(casebook query, grep word) pairs from bench/queries.txt."""
    out, grep = [], None
    for line in (HERE / "queries.txt").read_text().splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            if line.lower().startswith("# grep:"):
                grep = line.split(":", 1)[1].strip()
            continue
        out.append((line, grep or line.split()[0].strip('"')))
        grep = None
    return out


# ext4 will not hand out an inode freed less than a minute ago (six while
# its inode table block is unwritten): it scans past them, reading the
# inode table for each (`recently_deleted` in fs/ext4/ialloc.c). Right after
# the previous run removed its journals, a 10,000-entry import spent 6-7 s
# in the kernel instead of 0.5 s; a minute and a half after removing 11 GB,
# the 100,000-entry import took 43 s instead of 24. So a run starts six
# minutes after the last one cleaned up (a quick run at 1,000 need not).
CLEANED = "last-cleanup"
RECENTLY_DELETED_S = 360


def wait_for_forgotten_files(cache):
    try:
        cleaned = float((cache / CLEANED).read_text())
    except (OSError, ValueError):
        return
    wait = cleaned + RECENTLY_DELETED_S - time.time()
    if wait > 0:
        print(f"waiting {wait:.0f} s for the file system to forget the last run's files", file=sys.stderr)
        time.sleep(wait)


def corpus(n, seed, cache):
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"corpus-{n}-{seed}.jsonl"
    if not path.exists():
        print(f"  generating {n} entries...", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), "--entries", str(n), "--seed", str(seed), "-o", str(path)], check=True)
    return path


def segments(journal):
    idx = journal / ".git" / "casebook" / "index"
    current = (idx / "CURRENT").read_text().strip()
    meta = json.loads((idx / current / "meta.json").read_text())
    return len(meta["segments"])


def reimport_notes(folder, count):
    """A folder of `count` Markdown notes, to import into a large journal twice."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"note-{i:02}.md").write_text(
            f"---\ndate: 2025-03-{i + 1:02}\ntags: [refund]\n---\n# Refund question {i}\n\nAnswered with the refund timeline.\n")
    return folder


def bench_size(n, args, cb, env, work, external, data, tag=""):
    """One run on a journal of `n` entries imported from `data`: rows of
    (key, label, ms, MB, floor ms, comparison) and notes. Every target's
    floor is measured here, on the same journal, in turns with casebook."""
    rows, notes = [], []
    bare = args.floor_bin
    journal = work / f"j{n}{tag}"
    start_load = load()
    t_init, m_init, _ = run([cb, "init", str(journal), "--person", "Bench Runner"], env=env)
    t_imp, m_imp, code = run([cb, "-C", str(journal), "import", str(data)], env=env)
    if code != 0:
        # `run` lets exit 1 through (a search that finds nothing); an import
        # that refused its corpus must stop the run, not measure an empty journal.
        raise SystemExit(f"the import of {data} exited {code}; run it by hand to see why")
    people = journal / "people"
    person = sorted(p.name for p in people.iterdir() if p.is_dir() and p.name != "bench-runner")[0]
    cwd = str(journal)

    # Re-importing a few notes into a large journal: matching looks up only
    # the import's own identities, so this costs about the same at any size.
    few = reimport_notes(work / f"notes{n}", 10)
    run([cb, "-C", str(journal), "import", str(few)], env=env)
    ms, rss = measure([cb, "-C", str(journal), "import", str(few)], args.runs, cwd, env)
    rows.append(("reimport", "import of 10 notes imported before (all skipped, no commit)", ms, rss, None, ""))

    os.sync()

    # The floor of an import: the same commits and files through plain git
    # (fast-import of the journal's own history, then the index and the
    # work tree written by `git reset --hard`), plus the bare index build.
    stream = work / f"stream{n}{tag}"
    with open(stream, "wb") as fh:
        subprocess.run(["git", "fast-export", "--all"], cwd=cwd, env=env, stdout=fh, check=True)
    plain = work / f"plain{n}{tag}"
    t_gi, _, _ = run(["git", "init", "-q", str(plain)], env=env)
    with open(stream, "rb") as fh:
        t_fi, m_fi, _ = run(["git", "fast-import", "--quiet"], cwd=str(plain), env=env, stdin=fh)
    t_co, m_co, _ = run(["git", "reset", "-q", "--hard", "main"], cwd=str(plain), env=env)
    git_floor = (t_gi + t_fi + t_co) * 1000
    stream.unlink()
    os.sync()

    # reindex and the bare build of the same documents, in turns.
    out = work / f"bare-index{n}{tag}"
    (ms, rss), (bare_ms, bare_rss) = measure_pair([cb, "reindex"], ["sh", "-c", 'rm -rf "$1" && exec "$0" build "$2" "$1"', bare, str(out), cwd],
                                                  max(1, min(args.runs, 3)), cwd, env)
    imp_ms = (t_init + t_imp) * 1000
    imp_floor = git_floor + bare_ms
    rows.append(("import", f"init + import of {n:,} entries (one commit, index built)", imp_ms, max(m_init, m_imp), imp_floor,
                 f"{imp_ms / imp_floor:.2f}x git floor + bare build ({git_floor / 1000:.1f} s + {bare_ms / 1000:.1f} s)"))
    rows.append(("reindex", "reindex (full rebuild)", ms, rss, bare_ms,
                 f"{ms / bare_ms:.2f}x bare tantivy build ({bare_ms / 1000:.2f} s, {bare_rss:.0f} MB)"))

    # Warm the index and the page cache once.
    run([cb, "search", "refund"], cwd=cwd, env=env)
    run([bare, "search", cwd, "10", "refund"], cwd=cwd, env=env)
    search_ms, search_rss, bare_all, grep_ms, rg_ms, differ = [], [], [], [], [], []
    for q, word in queries():
        words = q.split()
        # The floor must run the same query: the same total and hits.
        mine = json.loads(output([cb, "search", *words, "--limit", "10", "--format", "json"], cwd=cwd, env=env) or '{"hits": [], "total": 0}')
        theirs = output([bare, "search", cwd, "10", *words], cwd=cwd, env=env).splitlines()
        if not theirs or int(theirs[0]) != mine["total"] or \
                {h["path"] for h in mine["hits"]} != {l.split("\t")[0] for l in theirs[1:]}:
            differ.append(q)
        (ms, rss), (b, _) = measure_pair([cb, "search", *words, "--limit", "10"], [bare, "search", cwd, "10", *words],
                                         args.runs, cwd, env)
        # git is always there; rg and jrnl only when installed and not skipped.
        g, _ = measure(["git", "grep", "-i", "-l", word], args.runs, cwd, env)
        r = None
        if external and shutil.which("rg"):
            r, _ = measure(["rg", "-i", "-l", word, "people"], args.runs, cwd, env)
        search_ms.append(ms)
        search_rss.append(rss)
        bare_all.append(b)
        if g:
            grep_ms.append(g)
        if r:
            rg_ms.append(r)
        ratio = f"{ms / b:.2f}x bare ({b:.1f} ms); {g / ms:.0f}x faster than git grep"
        if r:
            ratio += f", {r / ms:.0f}x than rg"
        rows.append(("search_q", f"search `{q}`", ms, rss, b, ratio))
    med = statistics.median(search_ms)
    bmed = statistics.median(bare_all)
    g = statistics.median(grep_ms) if grep_ms else None
    r = statistics.median(rg_ms) if rg_ms else None
    ratio = f"{med / bmed:.2f}x bare ({bmed:.1f} ms); {g / med:.0f}x faster than git grep ({g:.0f} ms)"
    if r:
        ratio += f", {r / med:.0f}x than rg ({r:.0f} ms)"
    rows.append(("search", f"search, median of {len(search_ms)} queries", med, max(search_rss), bmed, ratio))
    rows.append(("grep", "git grep -i -l, median of the same words", g, 0, None, ""))
    if differ:
        notes.append("the bare query found other hits than casebook for: " + ", ".join(f"`{q}`" for q in differ))
    else:
        notes.append(f"the bare query found the same total and top 10 as casebook for all {len(search_ms)} queries")

    for label, cmd in [
        ("list --kind escalation --tag billing -n 20", ["list", "--kind", "escalation", "--tag", "billing", "-n", "20"]),
        (f"list --person {person} --period 2025 --count", ["list", "--person", person, "--period", "2025", "--count"]),
        ("list --field verdict=miss --since 1y -n 50", ["list", "--kind", "diagnosis", "--field", "verdict=miss", "--since", "1y", "-n", "50"]),
    ]:
        ms, rss = measure([cb, *cmd], args.runs, cwd, env)
        rows.append(("list", label, ms, rss, None, ""))

    # `new` and `git add` + `git commit` of one file, in turns.
    new_t, new_rss, git_t = [], [], []
    for i in range(args.runs):
        t, m, _ = run([cb, "new", "note", "--title", "Bench note", "-m", "Short body about a refund.", "--no-edit"], cwd=cwd, env=env)
        new_t.append(t * 1000)
        new_rss.append(m)
        (journal / "plain").mkdir(exist_ok=True)
        (journal / "plain" / f"n{i}.md").write_text(f"plain note {i}\n")
        t1, _, _ = run(["git", "add", "plain"], cwd=cwd, env=env)
        t2, _, _ = run(["git", "commit", "-q", "-m", "plain"], cwd=cwd, env=env)
        git_t.append((t1 + t2) * 1000)
    ms_new, gc = statistics.median(new_t), statistics.median(git_t)
    rows.append(("new", "new --no-edit (write, commit, index)", ms_new, max(new_rss), gc, f"{ms_new / gc:.2f}x git add + commit ({gc:.0f} ms)"))

    if not args.quick:
        ms, rss = measure([cb, "review", "--person", person, "--period", "2025", "--format", "json"], args.runs, cwd, env)
        rows.append(("review_person", f"review, one person-year ({person}, 2025)", ms, rss, None, ""))
        ms, rss = measure([cb, "review", "--team", "--period", "2025", "--format", "json"], max(1, min(args.runs, 3)), cwd, env)
        rows.append(("review_team", "review --team, one year", ms, rss, None, ""))
        ms, rss = measure([cb, "check"], max(1, min(args.runs, 3)), cwd, env)
        rows.append(("check", "check (every file)", ms, rss, None, ""))

    if external and n >= 10000 and shutil.which("jrnl"):
        jdir = work / f"jrnl{n}"
        jdir.mkdir(exist_ok=True)
        jfile = jdir / "journal.txt"
        subprocess.run([sys.executable, str(HERE / "to_jrnl.py"), str(data), str(jfile), "--limit", "10000"], check=True)
        cfg = jdir / "jrnl.yaml"
        cfg.write_text(f"journals:\n  default:\n    journal: {jfile}\nencrypt: false\ndefault_hour: 9\ndefault_minute: 0\ntimeformat: '%Y-%m-%d %H:%M'\ntagsymbols: '@'\nhighlight: false\nlinewrap: 79\nindent_character: '|'\ncolors:\n  body: none\n  date: none\n  tags: none\n  title: none\neditor: ''\ntemplate: false\nversion: v4.2\n")
        ms, rss = measure(["jrnl", "--config-file", str(cfg), "-contains", "refund", "--short"], max(1, min(args.runs, 3)), cwd, env)
        rows.append(("jrnl", "jrnl -contains refund (first 10,000 entries)", ms, rss, None, f"casebook search is {ms / med:.0f}x faster"))

    if args.writes:
        for i in range(args.writes):
            run([cb, "new", "note", "--title", f"Write {i}", "-m", "refund", "--no-edit"], cwd=cwd, env=env)
        notes.append(f"after {args.writes} consecutive `new --no-edit` commands the index has {segments(journal)} segments")
    notes.append(f"index segments at the end of the run: {segments(journal)}")
    notes.append(f"load average (1 min) {start_load:.2f} at the start, {load():.2f} at the end")
    # The journal stays until the end of the run: files deleted now would
    # slow the next import (see RECENTLY_DELETED_S).
    return rows, notes


# Each target as a ratio to its floor (issue 29): (row, limit, what the
# floor is). `search` also keeps its distance to `git grep`.
RATIOS = [
    ("search", 1.5, "bare tantivy query (open, query, fetch, snippets)"),
    ("reindex", 1.3, "bare tantivy build of the same documents"),
    ("import", 2.0, "git fast-import + reset --hard, plus the bare build"),
    ("new", 0.2, "git add + git commit of one file"),
]
GREP_X = 50


def ratio_lines(rows):
    """The ratio table of one run: target, ratio, limit, casebook, floor."""
    by = {r[0]: r for r in rows}
    lines = []
    for key, limit, floor in RATIOS:
        if key not in by:
            continue
        _, _, ms, _, f, _ = by[key]
        ratio = ms / f
        lines.append(f"| {key} | **{ratio:.2f}x** | <= {limit}x | {fmt(ms)} | {fmt(f)} ({floor}) | {'met' if ratio <= limit else 'NOT met'} |")
        if key == "search" and by.get("grep") and by["grep"][2]:
            x = by["grep"][2] / ms
            lines.append(f"| search vs git grep | **{x:.0f}x faster** | >= {GREP_X}x | {fmt(ms)} | {fmt(by['grep'][2])} (git grep -i -l) | {'met' if x >= GREP_X else 'NOT met'} |")
    return lines


def fmt(ms):
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.1f} ms"


def verdicts(rows_by_size):
    """Targets at the largest size measured (the nearest size PRODUCT sets
    targets for at or below it)."""
    n = max(rows_by_size)
    sizes = [size for size in TARGETS if size <= n]
    if not sizes:
        return n, []
    t = TARGETS[max(sizes)]
    rows = {r[0]: r for r in rows_by_size[n][0] if r[0] != "search_q"}
    lines = []

    def line(key, checks, detail):
        """checks: (what the target says, whether it holds), None targets left out."""
        checks = [(text, ok) for text, ok in checks if text is not None]
        if checks:
            target = ", ".join(text for text, _ in checks)
            met = all(ok for _, ok in checks)
            lines.append(f"| {key} | {target} | {detail} | {'met' if met else 'NOT met'} |")

    def at_most(value, limit, text):
        return (None, True) if limit is None else (text.format(limit), value <= limit)

    if "search" in rows:
        _, _, ms, rss, _, _ = rows["search"]
        g = rows["grep"][2] if "grep" in rows else None
        ratio = (g / ms) if g else 0
        line("search", [at_most(ms, t["search_ms"], "median <= {} ms"), at_most(rss, t["search_mb"], "RSS <= {} MB"),
                        (f">= {t['search_x']}x faster than git grep", ratio >= t["search_x"])],
             f"{ms:.1f} ms, {rss:.0f} MB, {ratio:.0f}x git grep")
    if "new" in rows:
        _, _, ms, _, g, _ = rows["new"]  # g: git add + commit
        line("new", [at_most(ms, t["new_ms"], "median <= {} ms"), at_most(ms / g, t["new_x"], "<= {}x git add + commit")],
             f"{ms:.0f} ms, {ms / g:.2f}x git add + commit")
    if "reindex" in rows:
        _, _, ms, rss, _, _ = rows["reindex"]
        line("reindex", [at_most(ms / 1000, t["reindex_ms"] / 1000, "<= {:g} s"), at_most(rss, t["reindex_mb"], "<= {} MB")],
             f"{ms / 1000:.1f} s, {rss:.0f} MB")
    lists = [r for r in rows_by_size[n][0] if r[0] == "list"]
    if lists:
        worst = max(r[2] for r in lists)
        line("list", [at_most(worst, t["list_ms"], "<= {} ms")], f"slowest {worst:.0f} ms")
    for key in ("review_person", "review_team"):
        if key in rows:
            ms = rows[key][2]
            line(key, [at_most(ms, t[key + "_ms"], "<= {} ms")], f"{ms:.0f} ms")
    if "import" in rows and t["import_ms"] is not None:
        ms = rows["import"][2]
        line("import", [at_most(ms / 1000, t["import_ms"] / 1000, "<= {:g} s for 100,000 entries")], f"{ms / 1000:.1f} s for {n:,}")
    return n, lines


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="10000,100000", help="comma-separated journal sizes")
    p.add_argument("--million", action="store_true", help="also run 1,000,000 entries")
    p.add_argument("--runs", type=int, default=7, help="runs per measurement (median)")
    p.add_argument("--repeat", type=int, default=1, help="whole runs per size, each on a fresh journal (e.g. 3)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--corpus", choices=["generated", "zipf"], default="generated",
                   help="zipf: the generated entries with their words redrawn from a Zipf distribution (bench/zipf_corpus.py)")
    p.add_argument("--writes", type=int, default=0, help="consecutive `new` commands before counting index segments (e.g. 1000)")
    p.add_argument("--quick", action="store_true", help="skip review and check (only the floors' targets)")
    p.add_argument("--bin", default=str(ROOT / "target" / "release" / "casebook"))
    p.add_argument("--floor-bin", default=str(ROOT / "target" / "release" / "examples" / "bench_floor"))
    p.add_argument("--out", default=str(HERE / "RESULTS.md"))
    p.add_argument("--cache", type=Path, default=HERE / ".cache")
    p.add_argument("--no-external", action="store_true", help="skip rg and jrnl (git grep still runs)")
    args = p.parse_args()

    cb = Path(args.bin)
    if not cb.exists():
        subprocess.run(["cargo", "build", "--release", "--bin", "casebook"], cwd=ROOT, check=True)
    # The floors' program is built (or found up to date) every time: a stale
    # one would measure another schema.
    if args.floor_bin == p.get_default("floor_bin"):
        subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "bench_floor"], cwd=ROOT, check=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.million:
        sizes.append(1_000_000)
    if max(sizes) >= 10000:
        wait_for_forgotten_files(args.cache)
    work = Path(tempfile.mkdtemp(prefix="casebook-bench-"))
    home = work / "home"
    home.mkdir()
    gitconfig = home / ".gitconfig"
    gitconfig.write_text("[user]\n\tname = Bench Runner\n\temail = bench@example.org\n[init]\n\tdefaultBranch = main\n[gc]\n\tauto = 0\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEBOOK_") and k not in ("EDITOR", "VISUAL")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), GIT_CONFIG_NOSYSTEM="1", NO_COLOR="1", CASEBOOK_PERSON="Bench Runner")
    external = not args.no_external
    results = {}
    try:
        for n in sizes:
            data = corpus(n, args.seed, args.cache)
            if args.corpus == "zipf":
                zipf = args.cache / f"zipf-{n}-{args.seed}.jsonl"
                if not zipf.exists():
                    subprocess.run([sys.executable, str(HERE / "zipf_corpus.py"), str(data), str(zipf), "--seed", str(args.seed)], check=True)
                data = zipf
            for i in range(args.repeat):
                print(f"== {n:,} entries, run {i + 1} of {args.repeat}", file=sys.stderr)
                results[(n, i)] = bench_size(n, args, str(cb), env, work, external, data, tag=f"-{i}")
                print("\n".join(ratio_lines(results[(n, i)][0])), file=sys.stderr)
                # After every run, so a long session that is stopped keeps what it measured.
                report(args, sizes, results, quiet=True)
        report(args, sizes, results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        os.sync()
        args.cache.mkdir(parents=True, exist_ok=True)
        (args.cache / CLEANED).write_text(str(time.time()))



def report(args, sizes, results, quiet=False):
    """Writes the results file (before the slow cleanup: the host's disk
    discards each deleted file's blocks, and 100,000 files take minutes)."""
    m = machine()
    host = f"{m['cpu']}; {m['memory']}; {m['os']}; {m['git']}"
    cmd = "python3 bench/run.py " + " ".join(sys.argv[1:])
    kind = ("`bench/gen_corpus.py` (every kind, 50 people, five years, bodies of 0.3-5 KB)" if args.corpus == "generated" else
            "`bench/gen_corpus.py`, then `bench/zipf_corpus.py` (every body's words redrawn from a Zipf distribution over the corpus's own vocabulary)")
    out = ["# casebook benchmark results", "",
           f"Produced by `{cmd.strip()}` on {m['date']}.", "",
           f"Host: {host}; rg: {m['rg']}; jrnl: {m['jrnl']}.", "",
           "Each target is a ratio to a floor measured in the same run, on the same journal, in turns with casebook "
           "(casebook, floor, casebook, floor, ...), so that a slower or busier host moves both. The floors: "
           "`target/release/examples/bench_floor` (examples/bench_floor.rs: tantivy alone, the same schema, analyser and "
           "writer settings) opening the same index and running the same query with the same snippets, or building an index "
           "of the same entry files; `git fast-import` of the journal's history plus `git reset --hard` (the index and the "
           "work tree) for an import; `git add` + `git commit` of one file beside `new`.", "",
           f"Whole processes, median of {args.runs} runs (reindex and its floor, check and review --team: up to 3), peak RSS "
           f"from wait4. Journals are generated by {kind}.", ""]
    for n in sizes:
        runs = [results[(n, i)] for i in range(args.repeat) if (n, i) in results]
        if not runs:
            continue
        out += [f"## {n:,} entries: targets as ratios to their floors", ""]
        if len(runs) > 1:
            header = "| target | " + " | ".join(f"run {i + 1}" for i in range(len(runs))) + " | limit | |"
            out += [header, "|" + " --- |" * (len(runs) + 3)]
            for key, limit, _ in RATIOS + [("grep", GREP_X, "")]:
                vals = []
                for rows, _ in runs:
                    by = {r[0]: r for r in rows}
                    if key == "grep":
                        if "grep" in by and "search" in by and by["grep"][2]:
                            vals.append((by["grep"][2] / by["search"][2], by["search"][2]))
                    elif key in by:
                        vals.append((by[key][2] / by[key][4], by[key][2]))
                if len(vals) != len(runs):
                    continue
                if key == "grep":
                    ok = all(v >= limit for v, _ in vals)
                    cells = [f"{v:.0f}x faster" for v, _ in vals]
                    out.append(f"| search vs git grep | " + " | ".join(cells) + f" | >= {limit}x | {'met in every run' if ok else 'NOT met'} |")
                else:
                    ok = all(v <= limit for v, _ in vals)
                    cells = [f"**{v:.2f}x** ({fmt(ms)})" for v, ms in vals]
                    out.append(f"| {key} | " + " | ".join(cells) + f" | <= {limit}x | {'met in every run' if ok else 'NOT met'} |")
            out += [""]
        for i, (rows, notes) in enumerate(runs):
            title = f"### Run {i + 1}" if len(runs) > 1 else "### The run"
            out += [title, "", "| target | ratio | limit | casebook | floor | |", "| --- | ---: | ---: | ---: | --- | --- |"]
            out += ratio_lines(rows) + [""]
            out += ["| what | median | peak RSS | compared with |", "| --- | ---: | ---: | --- |"]
            for key, label, ms, rss, _, ratio in rows:
                if key == "grep":
                    continue
                out.append(f"| {label} | {fmt(ms)} | {rss:.0f} MB | {ratio} |")
            out += [""] + [f"- {x}" for x in notes] + [""]
    last = {}
    for (n, _), result in sorted(results.items()):
        last[n] = result
    n, lines = verdicts(last)
    if n >= 100000:
        out += [f"## Absolute targets at {n:,} entries (PRODUCT.md, this host, last run)", "",
                "| command | target | measured | |", "| --- | --- | --- | --- |"] + lines + [""]
    else:
        # At a small size the fixed costs (process start, init, index
        # creation) dominate: scaling the targets down would judge those.
        out += ["## Absolute targets", "", f"The targets are set at 100,000 entries; the largest journal here has {n:,}, so none is judged.", ""]
    # The relevance section (bench/relevance.py --results) outlives a rerun.
    kept = ""
    if Path(args.out).exists():
        sys.path.insert(0, str(HERE))
        from relevance import split_section
        _, kept = split_section(Path(args.out).read_text())
    Path(args.out).write_text("\n".join(out) + ("\n" + kept + "\n" if kept else ""))
    if not quiet:
        print("\n".join(out))


if __name__ == "__main__":
    main()
