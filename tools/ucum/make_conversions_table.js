#!/usr/bin/env node
// Writes tests/data/ucum_conversions.tsv: every conversion trialmatch's unit tests check, with the
// expected figure computed by the NLM's UCUM library (@lhncbc/ucum-lhc), so CI needs no network.
//
// Usage (outside the repository):
//   mkdir -p /tmp/ucum && cd /tmp/ucum && npm init -y && npm install @lhncbc/ucum-lhc
//   NODE_PATH=/tmp/ucum/node_modules node tools/ucum/make_conversions_table.js > tests/data/ucum_conversions.tsv
'use strict';
const ucum = require('@lhncbc/ucum-lhc');
const utils = ucum.UcumLhcUtils.getInstance();

// [what, spelling as criteria or feeds write it, its UCUM code, target UCUM code, molar mass g/mol or null, value]
const cases = [
  ['creatinine mg/dL to umol/L', 'mg/dL', 'mg/dL', 'umol/L', 113.12, 1],
  ['creatinine mg/dl (lower-case) to umol/L', 'mg/dl', 'mg/dL', 'umol/L', 113.12, 2],
  ['creatinine umol/L to mg/dL', 'umol/L', 'umol/L', 'mg/dL', 113.12, 176.8],
  ['creatinine mg to mmol', 'mg', 'mg', 'mmol', 113.12, 500],
  ['total bilirubin mg/dL to umol/L', 'mg/dL', 'mg/dL', 'umol/L', 584.66, 1],
  ['total bilirubin (Greek mu) to mg/dL', '\u03bcmol/l', 'umol/L', 'mg/dL', 584.66, 51],
  ['total bilirubin (micro sign) to mg/dL', '\u00b5mol/L', 'umol/L', 'mg/dL', 584.66, 20.5],
  ['glucose mg/dL to mmol/L', 'mg/dL', 'mg/dL', 'mmol/L', 180.16, 100],
  ['glucose mmol/L to mg/dL', 'mmol/L', 'mmol/L', 'mg/dL', 180.16, 7],
  ['cholesterol mmol/L to mg/dL', 'mmol/L', 'mmol/L', 'mg/dL', 386.65, 5.17],
  ['triglycerides mmol/L to mg/dL', 'mmol/L', 'mmol/L', 'mg/dL', 885.7, 1.7],
  ['calcium mg/dL to mmol/L', 'mg/dL', 'mg/dL', 'mmol/L', 40.078, 10],
  ['hemoglobin g/dL to g/L', 'g/dL', 'g/dL', 'g/L', null, 7],
  ['hemoglobin g/L to g/dL', 'g/L', 'g/L', 'g/dL', null, 80],
  ['hemoglobin g/dL to mmol/L (monomer)', 'g/dL', 'g/dL', 'mmol/L', 16114.5, 1],
  ['albumin g/dL to g/L', 'g/dL', 'g/dL', 'g/L', null, 3.5],
  ['platelets /uL to 10*9/L', '/\u00b5L', '/uL', '10*9/L', null, 80000],
  ['neutrophils /mm3 to 10*9/L', '/mm3', '/mm3', '10*9/L', null, 1500],
  ['platelets cells/mm3 to 10*3/uL', 'cells/mm\u00b3', '/mm3', '10*3/uL', null, 100000],
  ['WBC x10^9/L to /uL', 'x10^9/L', '10*9/L', '/uL', null, 3],
  ['platelets x 10 superscript 9 /L to 10*3/uL', '\u00d7 10\u2079/L', '10*9/L', '10*3/uL', null, 100],
  ['WBC x109/L (lost superscript) to /mm3', 'x109/L', '10*9/L', '/mm3', null, 1.5],
  ['platelets 10^3/uL to 10*9/L', '10^3/uL', '10*3/uL', '10*9/L', null, 150],
  ['platelets 10*9/L to /uL', '10*9/L', '10*9/L', '/uL', null, 100],
  ['age years to months', 'years', 'a', 'mo', null, 1],
  ['age yrs to days', 'yrs', 'a', 'd', null, 1],
  ['window weeks to days', 'weeks', 'wk', 'd', null, 6],
  ['window wk to mo', 'wk', 'wk', 'mo', null, 12],
  ['window months to days', 'months', 'mo', 'd', null, 3],
  ['window mo to wk', 'mo', 'mo', 'wk', null, 6],
  ['window hours to days', 'hours', 'h', 'd', null, 72],
  ['window d to h', 'd', 'd', 'h', null, 28],
  ['window minutes to h', 'minutes', 'min', 'h', null, 90],
  ['QTc ms to s', 'ms', 'ms', 's', null, 450],
  ['blood pressure mmHg to kPa', 'mmHg', 'mm[Hg]', 'kPa', null, 120],
  ['BMI kg/m2 to g/cm2', 'kg/m\u00b2', 'kg/m2', 'g/cm2', null, 30],
  ['eGFR mL/min/1.73m2 to L/h/{1.73_m2}', 'mL/min/1.73m2', 'mL/min/{1.73_m2}', 'L/h/{1.73_m2}', null, 60],
  ['eGFR ml/min/1.73 m2 to mL/s/{1.73_m2}', 'ml/min/1.73 m\u00b2', 'mL/min/{1.73_m2}', 'mL/s/{1.73_m2}', null, 90],
  ['creatinine clearance mL/min to L/d', 'ml/min', 'mL/min', 'L/d', null, 60],
  ['transfusion volume mL/kg/year to mL/kg/mo', 'mL/kg/year', 'mL/kg/a', 'mL/kg/mo', null, 100],
  ['transfusions per year to per month', '/a', '/a', '/mo', null, 8],
  ['heart rate bpm to /h', 'bpm', '/min', '/h', null, 60],
  ['enzyme U/L to ukat/L', 'U/L', 'U/L', 'ukat/L', null, 40],
  ['ferritin ng/mL to ug/L', 'ng/mL', 'ng/mL', 'ug/L', null, 5000],
  ['troponin pg/mL to ng/L', 'pg/mL', 'pg/mL', 'ng/L', null, 14],
  ['prednisone mg/d to g/wk', 'mg/d', 'mg/d', 'g/wk', null, 10],
  ['urine protein g/24 h to mg/d', 'g/(24.h)', 'g/(24.h)', 'mg/d', null, 0.15],
  ['body weight kg to pounds', 'kg', 'kg', '[lb_av]', null, 70],
  ['height cm to inches', 'cm', 'cm', '[in_i]', null, 170],
  ['viral load copies/mL to copies/L', 'copies/mL', '{copies}/mL', '{copies}/L', null, 50],
  ['sodium mEq/L to eq/L', 'mEq/L', 'meq/L', 'eq/L', null, 140],
  ['old mg% to g/L', 'mg%', 'mg/dL', 'g/L', null, 1.2],
];

const rows = [['what', 'spelling', 'from_ucum', 'to_ucum', 'molar_mass', 'value', 'expected'].join('\t')];
let failed = 0;
for (const [what, spelling, from, to, molarMass, value] of cases) {
  const options = molarMass ? { molecularWeight: molarMass } : {};
  const r = utils.convertUnitTo(from, value, to, options);
  if (r.status !== 'succeeded') {
    console.error(`ucum-lhc could not convert ${from} to ${to}: ${r.msg.join('; ')}`);
    ++failed;
    continue;
  }
  rows.push([what, spelling, from, to, molarMass === null ? '-' : String(molarMass), String(value),
             r.toVal.toPrecision(15)].join('\t'));
}
process.stdout.write(rows.join('\n') + '\n');
process.exit(failed ? 1 : 0);
