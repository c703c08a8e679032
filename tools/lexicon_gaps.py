#!/usr/bin/env python3
"""Lists what real criteria name that the lexicon cannot, ranked by frequency.

Run by hand, not in CI:
    tools/lexicon_gaps.py [--corpus /work/shared/corpus/lct] [--top N] [--types Observation,Drug,...]
                          [--lexicon-dir DIR] [--summary-only]
    (--lexicon-dir reads another set of lexicon files, e.g. the committed ones, to compare before/after)

Three lists:
1. Annotated trigger texts (comparisons.jsonl `attached_to[].trigger_text`: the thing a threshold is
   about) that no lexicon name or abbreviation names, by how many annotations use them, with the number
   of trials whose criteria text contains the same words.
2. A summary: how many annotated triggers are named whole, named in part (some lexicon name inside
   them), or not at all.
3. Upper-case abbreviations (2-8 characters) in trials.jsonl criteria that match no lexicon entry, by
   the number of trials using them.

The matching follows engine/src/lexicon.cpp (Lexicon::match_name_at): names without case, spaces and
hyphens interchangeable, whole words, a plural -s/-es on names; abbreviations with case, as written or
in all capitals; the longest match wins.
"""
import argparse
import glob
import json
import os
import re
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEP = re.compile(r"[\s\-]+")


def is_word_char(ch):
    return ch.isalnum() or ch == "_" or ord(ch) >= 0x80


def load_lexicon(directory=None):
    spellings = []  # (spelling, case_sensitive, id)
    directory = directory or os.path.join(ROOT, "engine/data/lexicon")
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        for c in json.load(open(path, encoding="utf-8"))["concepts"]:
            for n in c.get("names", []):
                spellings.append((n, False, c["id"]))
            for a in c.get("abbreviations", []):
                spellings.append((a, True, c["id"]))
                if a.upper() != a:
                    spellings.append((a.upper(), True, c["id"]))
    patterns = []
    for spelling, case_sensitive, cid in spellings:
        body = SEP.sub("\x00", spelling.strip())
        body = re.escape(body).replace("\x00", r"[\s\-]+")
        plural = "" if case_sensitive or not spelling[-1:].isalpha() else "(?:e?s)?"
        flags = 0 if case_sensitive else re.IGNORECASE
        patterns.append((re.compile(r"(?<![\w\u0080-\uffff])" + body + plural + r"(?![\w\u0080-\uffff])", flags), cid))
    return patterns


def names_in(text, patterns):
    """(start, end, id) of every lexicon match in text, longest first at each start."""
    found = []
    for pattern, cid in patterns:
        for m in pattern.finditer(text):
            found.append((m.start(), m.end(), cid))
    return found


def covered(text, patterns):
    """'whole' if one name spans the whole text (after trimming), 'part' if some name is inside, else None."""
    t = text.strip().strip(".,;:()[]\"'")
    hits = names_in(t, patterns)
    if any(s == 0 and e == len(t) for s, e, _ in hits):
        return "whole", [c for s, e, c in hits if s == 0 and e == len(t)][0]
    if hits:
        return "part", sorted({c for _, _, c in hits})
    return None, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="/work/shared/corpus/lct")
    ap.add_argument("--top", type=int, default=80)
    ap.add_argument("--types", default="Observation,Condition,Procedure,Drug,Encounter,Allergy,Organism")
    ap.add_argument("--summary-only", action="store_true")
    ap.add_argument("--lexicon-dir", help="lexicon JSON files to read instead of engine/data/lexicon")
    args = ap.parse_args()
    types = set(args.types.split(","))
    patterns = load_lexicon(args.lexicon_dir)

    trials = [json.loads(l) for l in open(os.path.join(args.corpus, "trials.jsonl"), encoding="utf-8")]
    texts = [t["criteria_text"] or "" for t in trials]

    triggers = Counter()
    kinds = defaultdict(Counter)
    for raw in open(os.path.join(args.corpus, "comparisons.jsonl"), encoding="utf-8"):
        j = json.loads(raw)
        for a in j["attached_to"]:
            if a["event_type"] not in types or not a.get("trigger_text"):
                continue
            key = " ".join(a["trigger_text"].split())
            triggers[key] += 1
            kinds[key][a["event_type"]] += 1

    status = Counter()
    by_type = defaultdict(Counter)
    missing = Counter()
    for trig, n in triggers.items():
        how, _ = covered(trig, patterns)
        status[how or "none"] += n
        for t, k in kinds[trig].items():
            by_type[t][how or "none"] += k
        if how != "whole":
            missing[trig.lower()] += n

    total = sum(status.values())
    print(f"annotated triggers ({', '.join(sorted(types))}): {total} annotations, {len(triggers)} distinct texts")
    for how in ("whole", "part", "none"):
        print(f"  {how:5} {status[how]:5}  {status[how] / max(total, 1):.3f}")
    for t in sorted(by_type):
        c = by_type[t]
        print(f"  {t:12} whole {c['whole']:4}  part {c['part']:4}  none {c['none']:4}")
    if args.summary_only:
        return

    print(f"\n== trigger texts not named whole (annotations, trials mentioning, types, lexicon names inside) ==")
    for trig, n in missing.most_common(args.top):
        words = re.compile(r"(?<!\w)" + re.escape(trig) + r"(?!\w)", re.IGNORECASE)
        in_trials = sum(1 for t in texts if words.search(t))
        kind = ",".join(sorted({k for orig in kinds if orig.lower() == trig for k in kinds[orig]}))
        _, inside = covered(trig, patterns)
        print(f"{n:4} {in_trials:4}  {trig!r:45} {kind:24} {inside or ''}")

    print(f"\n== upper-case abbreviations in criteria that the lexicon does not name (trials) ==")
    abbrev_trials = Counter()
    for t in texts:
        seen = set()
        for m in re.finditer(r"(?<![\w\-])([A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9\-]*)(?![\w])", t):
            tok = m.group(1)
            if len(tok) < 2 or len(tok) > 8 or sum(ch.isupper() for ch in tok) < 2:
                continue
            seen.add(tok)
        for tok in seen:
            abbrev_trials[tok] += 1
    shown = 0
    for tok, n in abbrev_trials.most_common():
        if n < 3 or shown >= args.top:
            break
        if covered(tok, patterns)[0] == "whole":
            continue
        print(f"{n:4}  {tok}")
        shown += 1


if __name__ == "__main__":
    main()
