#!/usr/bin/env python3
"""Scores `trialmatch parse --json` against the LCT corpus's human-annotated comparisons.

Run by hand, not in CI:
    tools/score_lct.py BUILD/trialmatch [--corpus /work/shared/corpus/lct] [--show-misses N]
    tools/score_lct.py BUILD/trialmatch --robustness     # every criteria line of trials.jsonl
    tools/grammar_stats.py BUILD/trialmatch              # typed shares and what is left as text

Each annotated line is parsed once per section it is annotated in (`parse --json --section
inclusion|exclusion`). Only annotations with a readable number in `Value` count (roman numerals
I-VI are read as numbers); ages, labs, scores and "within" windows alike. The typed numbers of a
parse are the `cmp` values anywhere in its tree (also inside if/not), the `within` amounts of
`has` and `cmp` nodes and the years of a `has` node's calendar bounds (`dated`); text nodes count
for nothing.

recall      annotations whose number is a typed number on that line with a compatible direction
            (a range: both ends, the low one as a lower bound and the high one as an upper bound,
            in either annotated order; an annotation with no operator, or a typed `==`, fits either).
value found annotations whose number is typed on the line, whatever its direction.
direction   of the annotations with a direction whose value was found, the share where the typed
            number also has that direction (the comparator was read the right way round).
precision   typed numbers on the annotated lines that some annotation of the same line supports
            (same number and a compatible direction; a range supports both its ends; a value written
            "130/85" supports both of its numbers, and "I or II", "III/IV" both of theirs).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict

UPPER = {"<", "≤", "<=", "=<", "</=", "less than", "under", "below", "up to", "no more than", "not more than",
         "maximum", "maximum of", "within", "or less", "or lower", "or younger", "younger than", "and below",
         "less than or equal", "less than or equal to", "＜", "˂", "at most", "not exceeding", "the past", "past",
         "in", "lower than", "or fewer", "fewer than", "≦", "previous", "since"}
LOWER = {">", "≥", ">=", "=>", ">/=", "> or =", "at least", "more than", "over", "or more", "or older", "older than",
         "minimum", "minimum of", "above", "greater than", "greater than or equal", "greater than or equal to",
         "and older", "or over", "and above", "or above", "and over", "or longer", "longer than", "exceeding",
         "exceeds", "＞", "no less than", "not less than", "in excess of", "more than or equal", "higher than",
         "equal to or greater than", "larger than", "beyond", "+", "≧", "or greater", "or higher", "later than"}
RANGE = {"-", "to", "~", "between", "through", "–", "and", "～"}
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "twice": 2, "half": 0.5}


ROMANS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}


def number(text):
    if text is None:
        return None
    t = text.strip().lower()
    # "7,8 mmol/l": a decimal comma (one or two digits after it); other commas group thousands.
    t = re.sub(r"^(\d+),(\d{1,2})(?!\d)", r"\1.\2", t).replace(",", "")
    if t in WORDS:
        return float(WORDS[t])
    t = UNICODE_ROMANS.get(t, t)
    if t in ROMANS:
        return float(ROMANS[t])
    # "-1" (RASS < -1): a minus sign glued to the number is its sign.
    m = re.match(r"^([+]?|[-\u2212])(\d+(?:\.\d+)?|\.\d+)", t)
    return (-1 if m.group(1) in ("-", "\u2212") else 1) * float(m.group(2)) if m else None


UNICODE_ROMANS = {"Ⅰ": "i", "Ⅱ": "ii", "Ⅲ": "iii", "Ⅳ": "iv", "Ⅴ": "v", "Ⅵ": "vi"}


def written_numbers(text):
    """Every number written in an annotated value: digits, and roman numerals standing alone ("I or II",
    "III/IV", "Ⅲ"), which annotators give as a Value and a Value2 of one alternative."""
    for u, r in UNICODE_ROMANS.items():
        text = text.replace(u, f" {r} ")
    numbers = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", text.replace(",", ""))]
    numbers += [float(ROMANS[w]) for w in re.findall(r"[a-z]+", text.lower()) if w in ROMANS]
    return numbers


def direction(op):
    if op is None:
        return None
    o = " ".join(op.lower().split())
    if o in UPPER:
        return "upper"
    if o in LOWER:
        return "lower"
    if o in RANGE:
        return "range"
    return None


def annotations(path):
    """(section, line) -> list of {value, value2, direction}."""
    by_line = defaultdict(list)
    for raw in open(path, encoding="utf-8"):
        j = json.loads(raw)
        args = {}
        values = []
        for a in j.get("args") or []:
            args.setdefault(a["role"], a["text"])
            if a["role"] in ("Value", "Value2"):
                values.append(number(a["text"]))
        value = number(args.get("Value"))
        if value is None:
            continue
        d = direction(args.get("Operator"))
        # "since 2010": a calendar year after "since" bounds a date from below ("since 6 months" is a window).
        if d == "upper" and 1900 <= value <= 2099 and value == int(value) and \
                (args.get("Operator") or "").strip().lower() == "since":
            d = "lower"
        # Two values are a range's ends where the operator is a range (either role, either order).
        value2 = next((v for v in values[1:] if v is not None), None) if d == "range" else None
        if d == "range" and value2 is None:
            d = None
        if d != "range":
            value2 = None
        # "130/85" (a systolic over a diastolic limit) supports both of its numbers.
        written = [x for a in j.get("args") or [] if a["role"] in ("Value", "Value2")
                   for x in written_numbers(a["text"])]
        attached = (j.get("attached_to") or [{}])[0]
        roles = {a["role"] for a in j.get("args") or []}
        op = (args.get("Operator") or "").lower()
        if attached.get("event_type") == "Age":
            kind = "age"
        elif "Temporal-Recency" in roles or op in ("within", "past", "the past", "in", "previous", "since", "before"):
            kind = "time window"
        elif attached.get("event_type") == "Observation":
            kind = "observation"
        else:
            kind = "other (" + (attached.get("event_type") or "none").lower() + ")"
        # The annotators mark a unit's numerator and its "per" part apart ("mg" per "dL").
        unit = args.get("Unit") or args.get("Temporal-Unit")
        if unit and args.get("Per"):
            unit = f"{unit}/{args['Per']}"
        by_line[(j.get("section") or "unspecified", j["line"])].append({
            "written": written, "value": value, "value2": value2, "direction": d, "span": j["comparison_span"],
            "kind": kind, "unit": unit, "trigger": attached.get("trigger_text")})
    return by_line


class Typed(tuple):
    """(value, direction) with the unit and the variable or concept it was typed on."""
    def __new__(cls, value, direction, unit, var, unlisted):
        t = super().__new__(cls, (value, direction))
        t.unit, t.var, t.unlisted = unit, var, unlisted
        return t


TIME = {"a": ["year", "years", "yr", "yrs", "y", "year-old", "years-old"], "mo": ["month", "months", "mo", "mos", "mth"],
        "wk": ["week", "weeks", "wk", "wks", "w"], "d": ["day", "days", "d"], "h": ["hour", "hours", "h", "hr", "hrs"],
        "min": ["minute", "minutes", "min", "mins"]}


SAME = {"sec": "s", "seconds": "s", "second": "s", "microns": "um", "micron": "um", "°c": "cel", "degreesc": "cel",
        "degreescelsius": "cel", "pounds": "lb_av", "pound": "lb_av", "lbs": "lb_av", "lb": "lb_av", "iu": "u",
        "meq": "meq", "stage": "1", "stages": "1", "grade": "1", "grades": "1", "class": "1", "score": "1",
        "status": "1", "points": "1", "point": "1", "degrees": "deg", "°": "deg", "beats/min": "/min",
        "beats/minute": "/min", "bpm": "/min", "kg/m²": "kg/m2", "mg/dl": "mg/dl", "cells/mm3": "/mm3",
        "msec": "ms", "millisecond": "ms", "milliseconds": "ms", "kilograms": "kg", "kilogram": "kg", "kgs": "kg",
        "kg/m^2": "kg/m2", "kg/m2": "kg/m2", "mmol//l": "mmol/l", "[iu]/l": "u/l", "iu/l": "u/l", "[iu]/ml": "u/ml",
        "iu/ml": "u/ml", "m[iu]/l": "mu/l", "miu/l": "mu/l", "m[iu]/ml": "mu/ml", "miu/ml": "mu/ml"}


def unit_key(u):
    """A loose key that equal units share: UCUM codes and the spellings of the annotations."""
    if u is None:
        return None
    t = u.strip().lower().replace("µ", "u").replace("μ", "u").replace("×", "x").replace(" ", "")
    t = SAME.get(t, t)
    if "/" in t:
        num, _, per = t.partition("/")
        num, per = SAME.get(num, num), SAME.get(per, per)
        for code, words in TIME.items():
            if per in words:
                per = code
        t = f"{num}/{per}" if num not in ("beats", "beat", "cells", "cell") else f"/{per}"
    for code, words in TIME.items():
        if t == code or t in words:
            return code
    t = t.replace("10^", "10*").replace("x10*", "10*").replace("[", "").replace("]", "").replace("(", "").replace(")", "")
    t = t.replace("[iu]", "u").replace("{1.73_m2}", "").replace("mm[hg]", "mmhg").replace("mmhg", "mm hg")
    return t.rstrip("/")


def lexicon_names(repo):
    """concept id -> lower-case names and abbreviations, for checking which variable a number was typed on."""
    names = defaultdict(set)
    folder = os.path.join(repo, "engine", "data", "lexicon")
    for f in sorted(os.listdir(folder)):
        if f.endswith(".json"):
            for c in json.load(open(os.path.join(folder, f), encoding="utf-8")).get("concepts", []):
                names[c["id"]] |= {n.lower() for n in c.get("names", []) + c.get("abbreviations", [])}
                names[c["id"]].add(c["id"].replace("_", " "))
    return names


def right_variable(typed, trigger, names):
    """The trigger the annotators attached the number to is a name of the typed variable (or, for an
    unlisted variable, part of the words it was named by)."""
    if not trigger:
        return None
    t = " ".join(trigger.lower().split())
    if typed.unlisted:
        return t in typed.var.lower()
    known = names.get(typed.var, set())
    return any(t == n or t in n or (len(n) > 2 and n in t) for n in known)


def typed_numbers(node, out):
    """Collects (value, direction) of typed numbers in a contract-form tree. A comparison keeps its
    written direction under a `not`: the annotators marked "within 14 days" in "no transfusion
    within 14 days" as written, with the negation apart from it."""
    op = node.get("op")
    if op in ("all", "any"):
        for a in node["args"]:
            typed_numbers(a, out)
    elif op == "not":
        typed_numbers(node["arg"], out)
    elif op == "if":
        typed_numbers(node["cond"], out)
        typed_numbers(node["then"], out)
    elif op == "cmp":
        c = node["cmp"]
        d = "upper" if c in ("<", "<=") else "lower" if c in (">", ">=") else None
        out.append(Typed(float(node["value"]), d, node.get("unit") or node.get("relative_to"),
                         node.get("name") or node["var"], bool(node.get("unlisted"))))
        if node.get("within"):  # "HbA1c > 8% within the past 3 months": the window the value is measured in
            out.append(Typed(float(node["within"]["value"]), "upper", node["within"]["unit"],
                             node.get("name") or node["var"], bool(node.get("unlisted"))))
    elif op == "has":
        key = node.get("name") or node["concept"]
        if node.get("within"):
            out.append(Typed(float(node["within"]["value"]), "upper", node["within"]["unit"], key,
                             bool(node.get("unlisted"))))
        # "since 2010", "between 2007 and June 2016": calendar bounds, the year as the annotators mark it
        # (the first day a lower bound, the last day an upper one).
        for end, d in (("from", "lower"), ("to", "upper")):
            day = (node.get("dated") or {}).get(end)
            if day:
                out.append(Typed(float(day[:4]), d, "a", key, bool(node.get("unlisted"))))
    return out


def parse_lines(binary, args, lines):
    text = "".join(l.replace("\n", " ") + "\n" for l in lines)
    start = time.time()
    proc = subprocess.run([binary] + args, input=text.encode("utf-8"), capture_output=True, timeout=3600)
    elapsed = time.time() - start
    outputs = [json.loads(l) for l in proc.stdout.decode("utf-8").splitlines() if l.strip()]
    return outputs, proc.returncode, proc.stderr.decode("utf-8", "replace"), elapsed


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def score(binary, args, corpus, show_misses):
    by_line = annotations(f"{corpus}/comparisons.jsonl")
    keys = sorted(by_line)
    outputs = []
    elapsed = 0.0
    for section in sorted({k[0] for k in keys}):
        lines = [k[1] for k in keys if k[0] == section]
        extra = ["--section", section] if section in ("inclusion", "exclusion") else []
        outs, rc, err, secs = parse_lines(binary, args + extra, lines)
        elapsed += secs
        if len(outs) != len(lines):
            sys.exit(f"expected {len(lines)} JSON objects, got {len(outs)} (exit {rc}): {err[:500]}")
        outputs += outs
    found = total = value_found = directed = directed_right = 0
    supported = typed_total = 0
    misses, unsupported = [], []
    by_kind = defaultdict(lambda: [0, 0])
    unit_wrong = []
    with_unit = unit_right = with_trigger = variable_right = unlisted_found = 0
    names = lexicon_names(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    for (section, line), out in zip(keys, outputs):
        numbers = typed_numbers(out["tree"], [])
        anns = by_line[(section, line)]
        for a in anns:
            total += 1
            if a["direction"] == "range":
                lo, hi = sorted((a["value"], a["value2"]))
                ok = any(close(v, lo) and d in ("lower", None) for v, d in numbers) and \
                    any(close(v, hi) and d in ("upper", None) for v, d in numbers)
                seen = any(close(v, lo) for v, _ in numbers) and any(close(v, hi) for v, _ in numbers)
            else:
                ok = any(close(v, a["value"]) and (a["direction"] is None or d is None or d == a["direction"])
                         for v, d in numbers)
                seen = any(close(v, a["value"]) for v, _ in numbers)
            found += ok
            value_found += seen
            by_kind[a["kind"]][0] += ok
            by_kind[a["kind"]][1] += 1
            if ok:
                match = next(t for t in numbers if close(t[0], a["value"] if a["direction"] != "range" else min(a["value"], a["value2"])))
                unlisted_found += match.unlisted
                if a["unit"]:
                    with_unit += 1
                    same_unit = unit_key(match.unit) == unit_key(a["unit"])
                    unit_right += same_unit
                    if not same_unit:
                        unit_wrong.append((a["unit"], match.unit, line))
                rv = right_variable(match, a["trigger"], names)
                if rv is not None:
                    with_trigger += 1
                    variable_right += rv
            if seen and a["direction"] is not None:
                directed += 1
                directed_right += ok
            if not ok:
                misses.append((a["span"], a["kind"], line))
        for v, d in numbers:
            typed_total += 1
            ok = False
            for a in anns:
                if a["direction"] == "range":
                    ok = ok or close(v, a["value"]) or close(v, a["value2"])
                else:
                    same = close(v, a["value"]) or any(close(v, w) for w in a["written"])
                    ok = ok or (same and (a["direction"] is None or d is None or d == a["direction"]))
            supported += ok
            if not ok:
                unsupported.append((v, d, line))
    recall = found / total if total else 0.0
    precision = supported / typed_total if typed_total else 0.0
    print(f"lines {len(keys)}  annotated comparisons {total}  typed numbers {typed_total}  ({elapsed:.1f} s)")
    print(f"recall      {recall:.3f}  ({found}/{total})")
    print(f"value found {value_found / total if total else 0:.3f}  ({value_found}/{total})")
    print(f"direction   {directed_right / directed if directed else 0:.3f}  ({directed_right}/{directed} found "
          f"values with a direction)")
    print(f"precision   {precision:.3f}  ({supported}/{typed_total})")
    print(f"of the found: unit right {unit_right / with_unit if with_unit else 0:.3f} ({unit_right}/{with_unit} with a unit "
          f"annotated); variable right {variable_right / with_trigger if with_trigger else 0:.3f} ({variable_right}/"
          f"{with_trigger} with a trigger); on unlisted names {unlisted_found}/{found}")
    for kind, (k_found, k_total) in sorted(by_kind.items(), key=lambda kv: -kv[1][1]):
        print(f"  recall {kind:22} {k_found / k_total:.3f}  ({k_found}/{k_total})")
    for span, kind, line in misses[:show_misses]:
        print(f"  missed {span!r} ({kind}): {line[:160]}")
    for v, d, line in unsupported[:show_misses]:
        print(f"  unsupported {v:g} {d}: {line[:160]}")
    for written, typed, line in unit_wrong[:show_misses]:
        print(f"  unit {written!r} typed as {typed!r}: {line[:140]}")


def robustness(binary, args, corpus):
    lines = []
    for raw in open(f"{corpus}/trials.jsonl", encoding="utf-8"):
        j = json.loads(raw)
        for l in (j.get("criteria_text") or "").splitlines():
            l = l.strip()
            if l and not re.match(r"^(inclusion|exclusion) criteria:?$", l, re.I):
                lines.append(l)
    outputs, rc, err, elapsed = parse_lines(binary, args, lines)
    problems = 0
    kinds = defaultdict(int)
    for line, out in zip(lines, outputs):
        if out.get("text") != line:
            problems += 1
            print(f"  text changed: {line[:120]}")
        errors = [d for d in out.get("diagnostics", []) if d.get("severity") == "error"]
        if errors:
            problems += 1
            print(f"  error {errors[0]['message']}: {line[:120]}")
        s = json.dumps(out["tree"])
        kinds["text only" if '"op": "text"' in s and '"cmp"' not in s and '"has"' not in s
              else "partly typed" if '"op": "text"' in s else "fully typed"] += 1
    print(f"lines {len(lines)}  outputs {len(outputs)}  exit {rc}  {elapsed:.1f} s  problems {problems}")
    print("  " + ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items())))
    if len(outputs) != len(lines) or rc != 0:
        print(f"  stderr: {err[:500]}")
        return 1
    return 1 if problems else 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("binary", help="path to the built trialmatch binary")
    p.add_argument("--args", default="parse --json", help="arguments that make the binary parse stdin lines")
    p.add_argument("--corpus", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus", "lct"))
    p.add_argument("--show-misses", type=int, default=0)
    p.add_argument("--robustness", action="store_true", help="parse every criteria line of trials.jsonl")
    a = p.parse_args()
    args = a.args.split()
    if a.robustness:
        sys.exit(robustness(a.binary, args, a.corpus))
    score(a.binary, args, a.corpus, a.show_misses)


if __name__ == "__main__":
    main()
