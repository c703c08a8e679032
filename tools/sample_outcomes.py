#!/usr/bin/env python3
"""Seeded random sample of criterion outcomes, to measure how often evaluation is wrong.

Runs `trialmatch match PATIENT --trials TRIALS --format json` for every patient given (native profiles
or FHIR R4 bundles; folders are read for *.json), collects every criterion outcome, and draws a
seeded sample of
  - definite outcomes (truth true/false) whose tree is typed (top node not `text`), and
  - unknown outcomes (needs review) whose tree is typed,
printing each with its criterion line, tree, evidence and missing-data note, for a person to judge.

    python3 tools/sample_outcomes.py build/trialmatch --seed 13 --definite 110 --unknown 30 \
        --trials /tmp/lctapi --as-of 2026-11-21 PATIENT_OR_DIR... [--json OUT.json]
"""
import argparse
import json
import pathlib
import random
import subprocess
import sys


def patient_files(paths):
    for p in paths:
        path = pathlib.Path(p)
        if path.is_dir():
            yield from sorted(f for f in path.glob("*.json"))
        else:
            yield path


def outcomes(binary, patient, trials, as_of):
    run = subprocess.run([binary, "match", str(patient), "--trials", trials, "--as-of", as_of,
                          "--format", "json"], capture_output=True, text=True)
    if not run.stdout.strip():
        print(f"skip {patient}: {run.stderr.strip()[:200]}", file=sys.stderr)
        return
    report = json.loads(run.stdout)
    for result in report.get("results", []):
        for c in result.get("criteria", []):
            yield {"patient_file": patient.name, "patient": report.get("patient"),
                   "trial": result.get("trial"), "number": c.get("number"),
                   "section": c.get("section"), "text": c.get("text"), "tree": c.get("tree"),
                   "truth": c.get("truth"), "outcome": c.get("outcome"),
                   "evidence": c.get("evidence", []), "missing": c.get("missing", [])}


def from_records(o):
    return any(e.get("truth") in ("true", "false") and e.get("source") not in (None, "birth_date", "sex")
               for e in o["evidence"])


def compact(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def show(i, o):
    print(f"## {i}. {o['patient_file']} / {o['trial']} #{o['number']} {o['section']}: "
          f"truth {o['truth']}, outcome {o['outcome']}")
    print(f"line: {o['text']}")
    print(f"tree: {compact(o['tree'])}")
    for e in o["evidence"]:
        print(f"  ev: {compact(e)}")
    if o["missing"]:
        print(f"  missing: {compact(o['missing'])}")
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("patients", nargs="+")
    ap.add_argument("--trials", required=True)
    ap.add_argument("--as-of", default="2026-11-21")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--definite", type=int, default=100, help="definite outcomes to draw")
    ap.add_argument("--unknown", type=int, default=30, help="unknown outcomes to draw")
    ap.add_argument("--from-records", action="store_true",
                    help="definite outcomes only where a definite evidence item comes from a record other than "
                         "the birth date or sex (a lab, a condition, a medication): the reading of records")
    ap.add_argument("--json", help="also write the sample here")
    args = ap.parse_args()

    definite, unknown = [], []
    for patient in patient_files(args.patients):
        for o in outcomes(args.binary, patient, args.trials, args.as_of):
            if not isinstance(o["tree"], dict) or o["tree"].get("op") == "text":
                continue
            if o["truth"] != "unknown" and args.from_records and not from_records(o):
                continue
            (unknown if o["truth"] == "unknown" else definite).append(o)
    rng = random.Random(args.seed)
    pick_d = rng.sample(definite, min(args.definite, len(definite)))
    pick_u = rng.sample(unknown, min(args.unknown, len(unknown)))
    print(f"# population: {len(definite)} definite, {len(unknown)} unknown typed outcomes; "
          f"seed {args.seed}\n")
    print("# definite\n")
    for i, o in enumerate(pick_d, 1):
        show(f"D{i}", o)
    print("# unknown\n")
    for i, o in enumerate(pick_u, 1):
        show(f"U{i}", o)
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps({"definite": pick_d, "unknown": pick_u},
                                                      ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
