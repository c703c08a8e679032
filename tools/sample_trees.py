#!/usr/bin/env python3
"""A seeded random sample of typed trees, line beside tree, for judging by eye how often a reading is wrong.

Run by hand, not in CI:
    tools/sample_trees.py SEED SIZE SECTION --snapshot OUT.json
    tools/sample_trees.py SEED SIZE SECTION --binary BUILD/trialmatch [--corpus /work/shared/corpus/lct]
    tools/sample_trees.py SEED SIZE SECTION --binary BUILD/trialmatch --split SPLIT_LINES.txt

SECTION is inclusion, exclusion, unspecified or all. The population is every distinct line (per section) whose
tree is fully or partly typed (a cmp, has or sex node somewhere; text-only trees are left out), each parsed in
the section it was written in: from a `corpus_diff.py snapshot` file, from the corpus parsed afresh, or from a
split-corpus file (trial id, section, number, text, space-separated: the lines patients are matched against).
The sample is `random.Random(SEED).sample` of that population in sorted order, so a seed and a size name one
sample for a given binary. Each pick is printed as: index, section, the line, then its tree in a compact form
(`all(age >= 18 a, has diabetes_mellitus within 6 mo, text "...")`). `--exclude-sample SEED2:SIZE2` leaves out
the lines of another sample of the same population, `--exclude-printed FILE` those of a sample printed earlier
(perhaps by another binary): a re-measure after fixes is not the fixed sample.
"""
import argparse
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from grammar_stats import kind, lines_by_section, parse  # noqa: E402

SECTIONS = ("inclusion", "exclusion", "unspecified")


def fmt_num(v):
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def window(w):
    s = f"{fmt_num(w['value'])} {w['unit']}"
    return s + (" ahead" if w.get("ahead") else "")


def compact(t):
    """One line per tree: ops as words, concept and variable ids, windows, text quoted."""
    op = t.get("op")
    if op in ("all", "any"):
        return f"{op}(" + ", ".join(compact(a) for a in t["args"]) + ")"
    if op == "not":
        return f"not({compact(t['arg'])})"
    if op == "if":
        return f"if({compact(t['cond'])}, {compact(t['then'])})"
    if op == "sex":
        return f"sex {t['value']}"
    if op == "text":
        mark = "J" if t.get("reason") == "judgement" else ""
        return f"text{mark} {json.dumps(t.get('text', ''), ensure_ascii=False)}"
    name = t.get("var") or t.get("concept")
    if t.get("unlisted"):
        name = f"?{json.dumps(t.get('name', name), ensure_ascii=False)}"
    extra = ""
    if t.get("within"):
        extra += " within " + window(t["within"])
    if t.get("before"):
        extra += f" before {t['before']}"
    if t.get("dated"):
        d = t["dated"]
        extra += f" dated {d.get('from', '')}..{d.get('to', '')}"
    if t.get("status"):
        extra += f" [{t['status']}]"
    if t.get("onset"):
        extra += " onset"
    if t.get("except"):
        extra += f" except {json.dumps(t['except'], ensure_ascii=False)}"
    if op == "cmp":
        unit = t.get("relative_to") or t.get("unit", "")
        return f"{name} {t['cmp']} {fmt_num(t['value'])} {unit}".rstrip() + extra
    if op == "has":
        return f"has {name}" + extra
    return json.dumps(t, ensure_ascii=False)


def population(a):
    """(section, line) -> tree for every distinct line the source gives."""
    out = {}
    if a.snapshot:
        snap = json.load(open(a.snapshot, encoding="utf-8"))
        for section, lines in snap.items():
            for line, res in lines.items():
                out[(section, line)] = res["tree"]
        return out
    if not a.binary:
        sys.exit("give --snapshot or --binary")
    if a.split:
        by_section = {}
        for raw in open(a.split, encoding="utf-8"):
            parts = raw.rstrip("\n").split(" ", 3)
            if len(parts) == 4 and parts[3].strip():
                by_section.setdefault(parts[1], set()).add(parts[3])
    else:
        by_section = {s: set(v) for s, v in lines_by_section(a.corpus).items()}
    for section, lines in by_section.items():
        distinct = sorted(lines)
        for line, res in zip(distinct, parse(a.binary, section, distinct)):
            out[(section, line)] = res["tree"]
    return out


def typed_pool(trees, section):
    return sorted(k for k, t in trees.items()
                  if (section == "all" or k[0] == section) and kind(t) != "text only")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("seed", type=int)
    p.add_argument("size", type=int)
    p.add_argument("section", choices=SECTIONS + ("all",))
    p.add_argument("--snapshot")
    p.add_argument("--binary")
    p.add_argument("--split")
    p.add_argument("--corpus", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared",
                                                    "corpus", "lct"))
    p.add_argument("--exclude-sample", help="SEED:SIZE of an earlier sample whose lines are left out")
    p.add_argument("--exclude-printed", help="an earlier sample as this tool printed it: its lines are left out")
    a = p.parse_args()
    trees = population(a)
    pool = typed_pool(trees, a.section)
    # Printed lines first: an earlier sample drawn with the same --exclude-printed was drawn from this pool,
    # so --exclude-sample must draw it again from the same pool to leave out the same lines.
    if a.exclude_printed:
        printed = set()
        for raw in open(a.exclude_printed, encoding="utf-8"):
            m = re.match(r"^\s*\d+ \[(\w+)\] (.*)$", raw.rstrip("\n"))
            if m:
                printed.add((m.group(1), m.group(2)))
        pool = [k for k in pool if k not in printed]
    if a.exclude_sample:
        seed2, size2 = (int(x) for x in a.exclude_sample.split(":"))
        left_out = set(random.Random(seed2).sample(pool, min(size2, len(pool))))
        pool = [k for k in pool if k not in left_out]
    picks = random.Random(a.seed).sample(pool, min(a.size, len(pool)))
    print(f"# seed {a.seed}, size {len(picks)}, section {a.section}, typed population {len(pool)}")
    for i, (section, line) in enumerate(picks, 1):
        print(f"{i:3d} [{section}] {line}")
        print(f"      {compact(trees[(section, line)])}")


if __name__ == "__main__":
    main()
