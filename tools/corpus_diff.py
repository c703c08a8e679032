#!/usr/bin/env python3
"""Which corpus lines a grammar change reads differently, old tree beside new, for review by eye.

Run by hand, not in CI:
    tools/corpus_diff.py snapshot BUILD/trialmatch OUT.json [--corpus /work/shared/corpus/lct]
    tools/corpus_diff.py diff OLD.json NEW.json [--section inclusion|exclusion] [--only-changed-text]

`snapshot` parses every distinct criterion line of trials.jsonl (in the section its heading gives, as
tools/grammar_stats.py does) and stores line -> predicate JSON. `diff` prints every line whose tree
changed, the old tree and the new, compactly. A change that only moves numbers in a tree that was
already right, or a reading that became wrong, shows here before it reaches a patient.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from grammar_stats import lines_by_section, parse  # noqa: E402


def compact(out):
    """A one-line rendering of a parse result's tree: enough to see what changed."""
    return json.dumps(out.get("tree"), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def snapshot(binary, corpus, out):
    by_section = lines_by_section(corpus)
    result = {}
    for section, lines in by_section.items():
        distinct = sorted(set(lines))
        trees = parse(binary, section, distinct)
        result[section] = {line: tree for line, tree in zip(distinct, trees)}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)
    print(f"{out}: " + ", ".join(f"{s} {len(v)}" for s, v in result.items()))


def diff(old_path, new_path, section_filter):
    old = json.load(open(old_path, encoding="utf-8"))
    new = json.load(open(new_path, encoding="utf-8"))
    changed = 0
    for section in sorted(new):
        if section_filter and section != section_filter:
            continue
        for line, tree in sorted(new[section].items()):
            before = old.get(section, {}).get(line)
            if before is not None and before.get("tree") == tree.get("tree"):
                continue
            changed += 1
            print(f"[{section}] {line}")
            print(f"  - {compact(before) if before else '(absent)'}")
            print(f"  + {compact(tree)}")
    print(f"{changed} lines changed", file=sys.stderr)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snapshot")
    s.add_argument("binary")
    s.add_argument("out")
    s.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "../../shared/corpus/lct"))
    d = sub.add_parser("diff")
    d.add_argument("old")
    d.add_argument("new")
    d.add_argument("--section")
    a = p.parse_args()
    if a.cmd == "snapshot":
        snapshot(a.binary, a.corpus, a.out)
    else:
        diff(a.old, a.new, a.section)


if __name__ == "__main__":
    main()
