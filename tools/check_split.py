#!/usr/bin/env python3
"""Measures how trialmatch splits real criteria texts (the LCT corpus) into criteria.

Each LCT trial's criteria_text is wrapped as a ClinicalTrials.gov API v2 study's eligibilityCriteria,
the studies are written to one NDJSON file, the reader is run over it, and the result is checked for
items that look mis-split. The corpus stays outside the repository; this script only reads it.

  tools/check_split.py [--corpus ../shared/corpus/lct/trials.jsonl]
                       [--reader "build/trialmatch trials --json"] [--show N]
"""
import argparse
import collections
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

EMBEDDED_NUMBERING = re.compile(r"[;.:]\s+(\(?\d{1,2}[.)])\s+[A-Z]")
DANGLING_END = re.compile(r"\b(by|of|the|a|an|with|to|in|for|as|than|at|from|on|per|between|including)$", re.I)
EXCLUSION_HEADING = re.compile(r"^\s*(?:key |main )?exclusions?(?: criteria)?\s*[:.]?\s*$", re.I | re.M)
INCLUSION_HEADING = re.compile(r"^\s*(?:key |main )?inclusions?(?: criteria)?\s*[:.]?\s*$", re.I | re.M)


def as_study(trial):
    return {"protocolSection": {
        "identificationModule": {"nctId": trial["nct_id"], "briefTitle": trial.get("title") or trial["nct_id"]},
        "eligibilityModule": {"eligibilityCriteria": trial["criteria_text"]}}}


def run_reader(reader, studies):
    with tempfile.NamedTemporaryFile("w", suffix=".ndjson", delete=False, encoding="utf-8") as f:
        for s in studies:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
        path = f.name
    try:
        proc = subprocess.run(shlex.split(reader) + [path], capture_output=True, text=True)
    finally:
        os.unlink(path)
    trials = [json.loads(line) for line in proc.stdout.splitlines() if line.strip().startswith("{")]
    problems = [line for line in proc.stderr.splitlines() if line.strip()]
    return trials, problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus", "lct", "trials.jsonl"))
    ap.add_argument("--reader", default=os.path.join(here, "..", "build", "trialmatch") + " trials --json",
                    help="command that prints one normalised trial a line for the file given last")
    ap.add_argument("--show", type=int, default=3, help="examples to print per finding")
    args = ap.parse_args()

    source = [json.loads(line) for line in open(args.corpus, encoding="utf-8") if line.strip()]
    trials, problems = run_reader(args.reader, [as_study(t) for t in source])
    by_id = {t["id"]: t for t in trials}
    texts = {t["nct_id"]: t["criteria_text"] for t in source}

    findings = collections.defaultdict(list)
    counts = []
    for nct, text in texts.items():
        t = by_id.get(nct)
        if t is None:
            findings["not loaded"].append((nct, ""))
            continue
        crit = t["criteria"]
        counts.append(len(crit))
        sections = {c["section"] for c in crit}
        # A section counts as missing only when its heading is followed by some text ("Exclusion
        # Criteria:\n-" is an empty section, not a miss).
        for name, heading in (("exclusion", EXCLUSION_HEADING), ("inclusion", INCLUSION_HEADING)):
            m = heading.search(text)
            if not m:
                continue
            other = (INCLUSION_HEADING if name == "exclusion" else EXCLUSION_HEADING).search(text, m.end())
            body = text[m.end(): other.start() if other else len(text)]
            if re.search(r"[A-Za-z0-9]", body) and name not in sections:
                findings[f"{name} section missing"].append((nct, body.strip()[:80]))
            elif not re.search(r"[A-Za-z0-9]", body):
                findings[f"{name} section empty in the source (fine)"].append((nct, ""))
        previous = {}
        for c in crit:
            body = c["text"]
            where = f'{nct} {c["section"]} {c["number"]}'
            if not body.strip():
                findings["empty item"].append((where, body))
            if len(body) > 400 and EMBEDDED_NUMBERING.search(body):
                findings["long item with embedded numbering"].append((where, body[:300]))
            prev = previous.get(c["section"])
            if body[:1].islower() and prev is not None and DANGLING_END.search(prev.rstrip()):
                findings["lower-case continuation after a dangling word"].append((where, prev[-60:] + " || " + body[:80]))
            if re.match(r"(?i)^(key )?(inclusion|exclusion) criteria:?$", body.strip()):
                findings["heading read as a criterion"].append((where, body))
            previous[c["section"]] = body

    print(f"studies in corpus: {len(source)}")
    print(f"studies loaded:    {len(trials)}")
    print(f"problems reported: {len(problems)}")
    for p in problems[: args.show]:
        print("   ", p)
    if counts:
        counts.sort()
        n = len(counts)
        print(f"criteria per study: min {counts[0]}, median {counts[n // 2]}, p90 {counts[int(n * 0.9)]}, "
              f"max {counts[-1]}, total {sum(counts)}")
        buckets = collections.Counter(min(c // 5 * 5, 50) for c in counts)
        print("  distribution: " + ", ".join(
            f"{b}-{b + 4}: {buckets[b]}" if b < 50 else f"50+: {buckets[b]}" for b in sorted(buckets)))
    lower = sum(1 for t in trials for c in t["criteria"] if c["text"][:1].islower())
    print(f"items starting in lower case (mostly genuine): {lower}")
    for name in ["not loaded", "exclusion section missing", "inclusion section missing",
                 "exclusion section empty in the source (fine)", "empty item",
                 "long item with embedded numbering", "lower-case continuation after a dangling word",
                 "heading read as a criterion"]:
        found = findings.get(name, [])
        print(f"{name}: {len(found)}")
        for where, body in found[: args.show]:
            print(f"    {where}: {body}")
    bad = len(source) - len(trials) + len(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
