#!/usr/bin/env python3
"""Queries on trialmatch reports for the end-to-end tests (python3 standard library only).

Usage: lib_json.py COMMAND ARGS...; each command prints one short answer that the shell scripts compare
with the expected text, so a failing check shows what the report said.

  verdict REPORT TRIAL                       the trial's verdict
  outcome REPORT TRIAL SECTION NUMBER        "<outcome> <truth>" of one criterion ("absent" if not there)
  failing REPORT TRIAL                       the failing criteria, "section:number" joined by spaces
  unknown REPORT TRIAL                       the unknown criteria, likewise
  missing REPORT TRIAL SECTION NUMBER        the criterion's missing variables, sorted, joined by ","
  evidence REPORT TRIAL SECTION NUMBER VAR   one line per evidence item on VAR:
                                             value unit | threshold | note | conversion | truth
  explained REPORT                           "ok" when every failing criterion of every result shows the
                                             patient's fact (a value or a dated record) and, where the value's
                                             unit differs from the threshold's, the conversion; else the gaps
  openworld REPORT                           "ok" when no "not recorded" evidence is taken as true or false and
                                             no exclusion fires on nothing recorded (for --open-world reports)
  counts REPORT TRIALS_NDJSON                "ok" when every result has one criterion per trial criterion plus
                                             one per structured limit (min_age, max_age, sex), else the mismatches
  order REPORT                               "ok" when results are ordered eligible, needs_review (fewest
                                             unknowns first), ineligible, else what is out of order
  same REPORT_A REPORT_B                     "same" when the two reports agree on every verdict, criterion
                                             outcome, truth, missing list and evidence value/threshold, else the
                                             first differences (evidence source pointers may differ)
  ndjson FILE                                checks an NDJSON report: one trial result a line, each with patient
                                             and as_of; prints "<lines> lines, patients: <ids in first-line
                                             order>, as_of: <dates>", then any line that lacks a field
  derive BASE OUT OP...                      writes a patient derived from BASE: birth=DATE, id=ID,
                                             obs=JSON (replaces the observation with the same code, else appends),
                                             addobs=JSON (appends, keeping earlier values of the same code),
                                             -obs=CODE, cond=JSON, med=JSON, imm=JSON (appended), -cond=CODE
                                             (a CODE is a lexicon id or "system|code")
  fhir NATIVE OUT                            writes the native patient as a FHIR R4 transaction Bundle
  split FILE DIR                             splits an NDJSON of reports into DIR/<patient>.json; prints the ids
  oneline IN...                              prints each JSON file on one line (to build an NDJSON batch)

A REPORT is the output of `match --format json` (one patient) or `--format ndjson` (one result a line).
"""
import json
import sys


def load_results(path):
    """Returns (patient, as_of, results) for a JSON report, or the grouped lines of an NDJSON report."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        report = json.loads(text)
        return report.get("patient"), report.get("as_of"), report["results"]
    except json.JSONDecodeError:
        results = [json.loads(line) for line in text.splitlines() if line.strip()]
        return (results[0].get("patient") if results else None,
                results[0].get("as_of") if results else None, results)


def result_of(path, trial):
    for r in load_results(path)[2]:
        if r.get("trial") == trial:
            return r
    return None


def criterion_of(path, trial, section, number):
    r = result_of(path, trial)
    if r is None:
        return None
    for c in r["criteria"]:
        if c["section"] == section and c["number"] == number:
            return c
    return None


def fmt_number(v):
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def cmd_verdict(path, trial):
    r = result_of(path, trial)
    return "absent" if r is None else r["verdict"]


def cmd_outcome(path, trial, section, number):
    c = criterion_of(path, trial, section, number)
    return "absent" if c is None else f'{c["outcome"]} {c["truth"]}'


def with_outcome(path, trial, outcome):
    r = result_of(path, trial)
    if r is None:
        return "absent"
    return " ".join(f'{c["section"]}:{c["number"]}' for c in r["criteria"] if c["outcome"] == outcome)


def cmd_missing(path, trial, section, number):
    c = criterion_of(path, trial, section, number)
    return "absent" if c is None else ",".join(sorted(c.get("missing", [])))


def cmd_evidence(path, trial, section, number, var):
    c = criterion_of(path, trial, section, number)
    if c is None:
        return "absent"
    lines = []
    for e in c.get("evidence", []):
        if e.get("var") != var:
            continue
        value = f'{fmt_number(e["value"])} {e.get("unit", "")}'.strip() if "value" in e else e.get("fact", "")
        lines.append(f'{value} | {e.get("threshold", "")} | {e.get("note", "")} | {e.get("conversion", "")}'
                     f' | {e.get("truth", "")}')
    return "\n".join(lines) if lines else "no evidence on " + var


def cmd_explained(path):
    problems = []
    for r in load_results(path)[2]:
        for c in r["criteria"]:
            if c["outcome"] != "fail":
                continue
            where = f'{r["trial"]} {c["section"]} {c["number"]}'
            facts = [e for e in c.get("evidence", []) if "fact" in e and e["fact"] != "not recorded"
                     or "value" in e or "date" in e]
            if not facts and not any(e.get("note", "").startswith("not recorded") for e in c.get("evidence", [])):
                problems.append(f"{where}: fails with no fact of the patient in its evidence")
            for e in c.get("evidence", []):
                if "value" not in e or "threshold" not in e or "ULN" in e["threshold"] or "LLN" in e["threshold"]:
                    continue
                threshold_unit = e["threshold"].split(" ", 2)[2] if e["threshold"].count(" ") >= 2 else ""
                if threshold_unit and e.get("unit") and threshold_unit != e["unit"] and "conversion" not in e:
                    problems.append(f'{where}: {e["var"]} {e["value"]} {e["unit"]} against {e["threshold"]} '
                                    "without its conversion")
            if c["tree"].get("op") == "cmp" and c["tree"].get("relative_to"):
                if not any(e.get("note", "").startswith("threshold ") for e in c.get("evidence", [])):
                    problems.append(f"{where}: a multiple of the ULN/LLN without the threshold it came to")
    return "ok" if not problems else "\n".join(problems)


def cmd_openworld(path):
    problems = []
    for r in load_results(path)[2]:
        for c in r["criteria"]:
            where = f'{r["trial"]} {c["section"]} {c["number"]}'
            for e in c.get("evidence", []):
                if e.get("fact") == "not recorded" and "value" not in e and e.get("truth") != "unknown":
                    problems.append(f'{where}: {e.get("var")} not recorded taken as {e.get("truth")}')
            if c["section"] == "exclusion" and c["outcome"] == "fail":
                recorded = [e for e in c.get("evidence", []) if e.get("fact") != "not recorded"]
                if not recorded:
                    problems.append(f"{where}: excluded with nothing recorded")
    return "ok" if not problems else "\n".join(problems)


def structured_limits(trial):
    n = (trial.get("min_age") is not None) + (trial.get("max_age") is not None)
    return n + (trial.get("sex", "all") != "all")


def cmd_counts(path, trials_path):
    with open(trials_path, encoding="utf-8") as f:
        trials = {t["id"]: t for t in (json.loads(line) for line in f if line.strip())}
    problems = []
    results = load_results(path)[2]
    seen = set()
    for r in results:
        t = trials.get(r["trial"])
        seen.add(r["trial"])
        if t is None:
            problems.append(f'{r["trial"]}: not in the trial list')
            continue
        want = len(t["criteria"]) + structured_limits(t)
        if len(r["criteria"]) != want:
            problems.append(f'{r["trial"]}: {len(r["criteria"])} criteria in the report, expected {want}')
        numbers = {(c["section"], c["number"]) for c in r["criteria"]}
        for c in t["criteria"]:
            if (c["section"], c["number"]) not in numbers:
                problems.append(f'{r["trial"]}: {c["section"]} {c["number"]} absent from the report')
    for tid in trials:
        if tid not in seen:
            problems.append(f"{tid}: no result")
    return "ok" if not problems else "\n".join(problems)


def cmd_order(path):
    rank = {"eligible": 0, "needs_review": 1, "ineligible": 2}
    results = load_results(path)[2]
    if isinstance(results, list) and results and "patient" in results[0]:
        # NDJSON of several patients: the order holds within each patient's results.
        groups = {}
        for r in results:
            groups.setdefault(r["patient"], []).append(r)
        lists = list(groups.values())
    else:
        lists = [results]
    problems = []
    for rs in lists:
        key = []
        for r in rs:
            unknowns = sum(1 for c in r["criteria"] if c["outcome"] == "unknown")
            if "unknowns" in r and r["unknowns"] != unknowns:
                problems.append(f'{r["trial"]}: unknowns {r["unknowns"]}, but {unknowns} criteria are unknown')
            key.append((rank[r["verdict"]], unknowns if r["verdict"] == "needs_review" else 0, r["trial"]))
        for a, b in zip(key, key[1:]):
            if a[:2] > b[:2]:
                problems.append(f"{a[2]} (verdict rank {a[0]}, {a[1]} unknown) before {b[2]} (rank {b[0]}, {b[1]} unknown)")
    return "ok" if not problems else "\n".join(problems)


def comparable(path):
    patient, as_of, results = load_results(path)
    out = {"patient": patient, "as_of": as_of}
    for r in results:
        out[r["trial"]] = r["verdict"]
        for c in r["criteria"]:
            key = f'{r["trial"]} {c["section"]} {c["number"]}'
            out[key] = (c["outcome"], c["truth"], sorted(c.get("missing", [])))
            out[key + " evidence"] = [(e.get("var"), e.get("value"), e.get("unit"), e.get("threshold"),
                                       e.get("date"), e.get("truth")) for e in c.get("evidence", [])]
    return out


def cmd_same(path_a, path_b):
    a, b = comparable(path_a), comparable(path_b)
    diffs = [f"{k}: {a.get(k)!r} vs {b.get(k)!r}" for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
    return "same" if not diffs else "\n".join(diffs[:20])


def cmd_ndjson(path):
    problems, patients, dates = [], [], []
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f.read().split("\n") if line.strip()]
    for i, line in enumerate(lines, 1):
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {i}: not JSON ({e})")
            continue
        for field in ("patient", "as_of", "trial", "verdict", "criteria"):
            if field not in r:
                problems.append(f"line {i}: no {field}")
        if r.get("patient") not in patients:
            patients.append(r.get("patient"))
        if r.get("as_of") not in dates:
            dates.append(r.get("as_of"))
    head = (f'{len(lines)} lines, patients: {" ".join(str(p) for p in patients)}, '
            f'as_of: {" ".join(str(d) for d in dates)}')
    return head if not problems else head + "\n" + "\n".join(problems)


def code_key(code):
    return code if isinstance(code, str) else f'{code.get("system")}|{code.get("code")}'


def cmd_derive(base, out, *ops):
    with open(base, encoding="utf-8") as f:
        p = json.load(f)
    lists = {"cond": "conditions", "med": "medications", "imm": "immunizations", "obs": "observations"}
    for op in ops:
        name, _, arg = op.partition("=")
        if name == "birth":
            p["birth_date"] = arg
        elif name == "id":
            p["id"] = arg
        elif name == "obs":
            o = json.loads(arg)
            obs = [x for x in p.setdefault("observations", []) if code_key(x["code"]) != code_key(o["code"])]
            p["observations"] = obs + [o]
        elif name == "addobs":
            p.setdefault("observations", []).append(json.loads(arg))
        elif name.startswith("-") and name[1:] in lists:
            key = lists[name[1:]]
            p[key] = [x for x in p.get(key, []) if code_key(x["code"]) != arg]
        elif name in lists:
            p.setdefault(lists[name], []).append(json.loads(arg))
        else:
            sys.exit(f"lib_json.py derive: unknown operation '{op}'")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(p, f, ensure_ascii=False, indent=1)
    return None


def cmd_split(path, out_dir):
    """Splits an NDJSON of reports (`--format json` on a batch) into OUT_DIR/<patient>.json."""
    ids = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            report = json.loads(line)
            ids.append(report["patient"])
            with open(f'{out_dir}/{report["patient"]}.json', "w", encoding="utf-8") as out:
                json.dump(report, out)
    return " ".join(ids)


def fhir_concept(code, text):
    if isinstance(code, str):  # a lexicon id has no FHIR system: its words stand as the text
        return {"text": code.replace("_", " ")}
    concept = {"coding": [{"system": code["system"], "code": code["code"]}]}
    if text:
        concept["text"] = text
    return concept


def cmd_fhir(native, out):
    """Writes the native patient NATIVE as a FHIR R4 transaction Bundle (the resources the contract names)."""
    with open(native, encoding="utf-8") as f:
        p = json.load(f)
    subject = {"reference": f'urn:uuid:patient-{p["id"]}'}
    patient = {"resourceType": "Patient", "id": p["id"], "gender": p["sex"], "birthDate": p["birth_date"]}
    resources = [patient]
    ucum = "http://unitsofmeasure.org"
    for i, o in enumerate(p.get("observations", [])):
        r = {"resourceType": "Observation", "id": f"obs-{i}", "status": "final",
             "code": fhir_concept(o["code"], o.get("text")), "subject": subject, "effectiveDateTime": o["date"],
             "valueQuantity": {"value": o["value"], "unit": o.get("unit", "1"), "system": ucum,
                               "code": o.get("unit", "1")}}
        if "reference_range" in o:
            rr, unit = o["reference_range"], o["reference_range"].get("unit", o.get("unit"))
            r["referenceRange"] = [{k: {"value": rr[k], "unit": unit, "system": ucum, "code": unit}
                                    for k in ("low", "high") if k in rr}]
        resources.append(r)
    clinical = "http://terminology.hl7.org/CodeSystem/condition-clinical"
    verification = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
    for i, c in enumerate(p.get("conditions", [])):
        r = {"resourceType": "Condition", "id": f"cond-{i}", "code": fhir_concept(c["code"], c.get("text")),
             "subject": subject}
        if c.get("status") == "absent":
            r["verificationStatus"] = {"coding": [{"system": verification, "code": "refuted"}]}
            r["recordedDate"] = c["onset"]
        else:
            r["clinicalStatus"] = {"coding": [{"system": clinical, "code": c.get("status", "active")}]}
            r["onsetDateTime"] = c["onset"]
        resources.append(r)
    for i, m in enumerate(p.get("medications", [])):
        period = {k: m[k] for k in ("start", "end") if k in m}
        resources.append({"resourceType": "MedicationStatement", "id": f"med-{i}",
                          "status": m.get("status", "active"),
                          "medicationCodeableConcept": fhir_concept(m["code"], m.get("text")),
                          "subject": subject, "effectivePeriod": period})
    for i, v in enumerate(p.get("immunizations", [])):
        resources.append({"resourceType": "Immunization", "id": f"imm-{i}", "status": v.get("status", "completed"),
                          "vaccineCode": fhir_concept(v["code"], v.get("text")), "patient": subject,
                          "occurrenceDateTime": v["date"]})
    entries = [{"fullUrl": f'urn:uuid:{"patient-" + p["id"] if r is patient else r["id"]}', "resource": r,
                "request": {"method": "POST", "url": r["resourceType"]}} for r in resources]
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"resourceType": "Bundle", "type": "transaction", "entry": entries}, f, ensure_ascii=False, indent=1)
    return None


def cmd_oneline(*paths):
    lines = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            lines.append(json.dumps(json.load(f), ensure_ascii=False))
    return "\n".join(lines)


COMMANDS = {"verdict": cmd_verdict, "outcome": cmd_outcome, "missing": cmd_missing, "evidence": cmd_evidence,
            "counts": cmd_counts, "order": cmd_order, "same": cmd_same, "ndjson": cmd_ndjson,
            "derive": cmd_derive, "fhir": cmd_fhir, "split": cmd_split, "explained": cmd_explained, "openworld": cmd_openworld, "oneline": cmd_oneline,
            "failing": lambda p, t: with_outcome(p, t, "fail"),
            "unknown": lambda p, t: with_outcome(p, t, "unknown")}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    try:
        answer = COMMANDS[sys.argv[1]](*sys.argv[2:])
    except (OSError, ValueError, KeyError, TypeError) as e:
        sys.exit(f"lib_json.py {sys.argv[1]}: {type(e).__name__}: {e}")
    if answer is not None:
        print(answer)
