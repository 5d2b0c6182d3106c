#!/usr/bin/env python3
"""A journal of real support text, for the search targets "on real-text
journals too" (issue 24): 100,000 entries stitched from public customer-
support requests, then everyday queries timed as whole processes.

    python3 bench/guard_corpus.py ...            # writes target/guard-corpus/support.jsonl
    python3 bench/real_text.py target/guard-corpus/support.jsonl --entries 100000

The requests (BANKING77, a Bitext customer-service sample, customers' tweets
from the Customer Support on Twitter sample, a multilingual help-desk set)
come from public repositories that bench/guard_corpus.py reads from local
checkouts; they are not committed. Each entry's body is requests drawn at
random (seeded) until it holds about 1.5 KB; its title is the first one.
Standard library only.
"""
import argparse, json, os, random, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["cancel my order", "delete account", "where is my refund", "how do i reset my password",
           "why was i charged twice", "my card has not arrived", "change my address", "transfer failed",
           "refund", "card"]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("support", type=Path, help="JSON Lines of {text: ...} support requests")
    p.add_argument("--entries", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=9)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--bin", default=str(ROOT / "target" / "release" / "casebook"))
    args = p.parse_args()
    texts = [json.loads(l)["text"] for l in args.support.open() if l.strip()]
    rng = random.Random(args.seed)
    people = [f"person-{i:02d}" for i in range(50)]
    work = Path(tempfile.mkdtemp(prefix="casebook-real-text-"))
    data = work / "entries.jsonl"
    with data.open("w") as f:
        for i in range(args.entries):
            parts, n = [], 0
            while n < 1500:
                t = rng.choice(texts)
                parts.append(t)
                n += len(t) + 1
            y = 2021 + i * 5 // args.entries
            m = 1 + (i * 60 // args.entries) % 12
            f.write(json.dumps({"kind": "note", "title": parts[0][:70], "body": "\n".join(parts),
                                "person": rng.choice(people), "date": f"{y}-{m:02d}-{1 + i % 28:02d}"}) + "\n")
    journal = work / "journal"
    cb = args.bin
    subprocess.run([cb, "init", str(journal), "--person", "Bench Runner"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start = time.perf_counter()
    imp = subprocess.run([cb, "-C", str(journal), "import", str(data)], capture_output=True, text=True)
    if imp.returncode != 0:
        sys.exit(f"the import exited {imp.returncode}: {imp.stderr[-2000:]}")
    print(f"import of {args.entries:,} entries: {time.perf_counter() - start:.1f} s")
    os.sync()
    subprocess.run([cb, "-C", str(journal), "search", "refund"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    medians = []
    for q in QUERIES:
        times, rss = [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            proc = subprocess.Popen([cb, "-C", str(journal), "search", *q.split()],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _, usage = os.wait4(proc.pid, 0)
            times.append((time.perf_counter() - t) * 1000)
            rss.append(usage.ru_maxrss / 1024)
        medians.append(statistics.median(times))
        print(f"| search `{q}` | {medians[-1]:.1f} ms | {max(rss):.0f} MB |")
    t = time.perf_counter()
    subprocess.run(["git", "-C", str(journal), "grep", "-i", "-l", "cancel"], stdout=subprocess.DEVNULL)
    grep = (time.perf_counter() - t) * 1000
    med = statistics.median(medians)
    print(f"median of {len(QUERIES)} queries: {med:.1f} ms; git grep -i -l: {grep:.0f} ms ({grep / med:.0f}x); load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
