#!/usr/bin/env python3
"""How much of real registry text the grammar types, and what it leaves as text.

Run by hand, not in CI:
    tools/grammar_stats.py BUILD/trialmatch [--corpus /work/shared/corpus/lct] [--top N]

Every non-blank line of every trial's criteria_text in trials.jsonl (headings "Inclusion
Criteria:" / "Exclusion Criteria:" set the section the following lines are parsed in) is parsed
with `parse --json --section ...`. A line's tree is
  fully typed   no `text` node anywhere (of which "with unlisted": some cmp/has names a variable
                or concept the lexicon does not list, read and shown but always unknown),
  partly typed  typed nodes (cmp/has/...) and text nodes,
  text only     nothing but text.
The shares are given over all lines and over lines with a number in them (a digit, or a number
word before a unit of time; a list marker at the start, "2.", "(3)", "b)", is layout and no number). Then the text left `not_understood`, as phrases: the first two words
of each such text node (lower case, numbers as '#'), ranked by how many lines have them, with one
example line each; and the unlisted names most often read (what the lexicon could add next).
"""
import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

HEADING = re.compile(r"^\s*(inclusion|exclusion)( criteria)?\s*:?\s*$", re.I)
HAS_NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(day|week|month|year)", re.I)
# A list marker at the start of a line ("2. Insulin dependent diabetes", "-  1. ...", "(3)") is layout, as the
# grammar reads it: its digits are no number of the criterion.
LIST_MARKER = re.compile(r"^(\s*(?:[-•*·]\s*)?(?:\(?\d{1,2}[.)]|\(\d{1,2}\)|[a-hA-H][.)])(?!\d))+\s*")


def has_number(line):
    return bool(HAS_NUMBER.search(LIST_MARKER.sub("", line, count=1)))


def lines_by_section(corpus):
    out = defaultdict(list)
    for raw in open(f"{corpus}/trials.jsonl", encoding="utf-8"):
        section = "unspecified"
        for line in (json.loads(raw).get("criteria_text") or "").splitlines():
            line = line.strip()
            if not line:
                continue
            m = HEADING.match(line)
            if m:
                section = m.group(1).lower()
                continue
            out[section].append(line)
    return out


def parse(binary, section, lines):
    extra = ["--section", section] if section != "unspecified" else []
    text = "".join(l.replace("\n", " ") + "\n" for l in lines)
    proc = subprocess.run([binary, "parse", "--json"] + extra, input=text.encode("utf-8"), capture_output=True,
                          timeout=3600)
    outs = [json.loads(l) for l in proc.stdout.decode("utf-8").splitlines() if l.strip()]
    if len(outs) != len(lines):
        sys.exit(f"expected {len(lines)} outputs, got {len(outs)} (exit {proc.returncode})")
    return outs


def nodes(tree):
    yield tree
    for a in tree.get("args", []):
        yield from nodes(a)
    for k in ("arg", "cond", "then"):
        if k in tree:
            yield from nodes(tree[k])


def kind(tree):
    ops = [n.get("op") for n in nodes(tree)]
    texts = sum(op == "text" for op in ops)
    typed = sum(op in ("cmp", "has", "sex") for op in ops)
    if texts == 0:
        return "fully typed"
    return "partly typed" if typed else "text only"


def unlisted(tree):
    return any(n.get("unlisted") for n in nodes(tree))


def phrase(text):
    words = re.findall(r"[a-z]+|\d+(?:\.\d+)?|[^\sa-z\d]", text.lower())
    words = ["#" if re.match(r"\d", w) else w for w in words]
    return " ".join(words[:2])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("binary")
    p.add_argument("--corpus", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus", "lct"))
    p.add_argument("--top", type=int, default=25)
    a = p.parse_args()
    kinds, kinds_num = Counter(), Counter()
    phrases, examples = Counter(), {}
    unlisted_lines, unlisted_lines_num = 0, 0
    names = Counter()
    for section, lines in sorted(lines_by_section(a.corpus).items()):
        for line, out in zip(lines, parse(a.binary, section, lines)):
            k = kind(out["tree"])
            kinds[k] += 1
            with_number = has_number(line)
            if with_number:
                kinds_num[k] += 1
            if k == "fully typed" and unlisted(out["tree"]):
                unlisted_lines += 1
                unlisted_lines_num += with_number
            for n in nodes(out["tree"]):
                if n.get("unlisted"):
                    names[" ".join(n["name"].lower().split()[:3])] += 1
            seen = set()
            for n in nodes(out["tree"]):
                if n.get("op") == "text" and n.get("reason") == "not_understood":
                    ph = phrase(n.get("text", ""))
                    if ph and ph not in seen:
                        seen.add(ph)
                        phrases[ph] += 1
                        examples.setdefault(ph, line)

    def shares(c):
        total = sum(c.values())
        return "  ".join(f"{k} {c[k] / total:.3f} ({c[k]})" for k in ("fully typed", "partly typed", "text only")) + \
            f"  of {total}"

    print("all lines:              " + shares(kinds))
    print("lines with a number:    " + shares(kinds_num))
    print(f"fully typed with unlisted names: {unlisted_lines} of all lines, {unlisted_lines_num} of lines with a number "
          f"(fully typed on lexicon concepts only: {kinds['fully typed'] - unlisted_lines} and "
          f"{kinds_num['fully typed'] - unlisted_lines_num})")
    print(f"not understood, by first words (lines; example):")
    for ph, n in phrases.most_common(a.top):
        print(f"  {n:4d}  {ph!r:28}  {examples[ph][:110]}")
    print("unlisted names, by first words (nodes):")
    for name, n in names.most_common(a.top):
        print(f"  {n:4d}  {name}")


if __name__ == "__main__":
    main()
