#!/usr/bin/env bash
# Instruction counts of the parse, under callgrind: the same binary gives the same counts whatever else the machine
# is doing, so two trees can be compared at any hour (wall figures swing ~20 % by the hour on this machine).
# Usage: bench/count.sh BENCH_BINARY LCT_TRIALS_JSONL [WORK_DIR]
#   corpus  one pass over the LCT lines, less the tokenizer tables made once at the first parse (the goal's input);
#   item    the same pass as the bench times it: parse and the destruction of each result;
#   short   the fixed cost of a line: 2,000 one-word lines "N. Adults" (a change that saves on the corpus but adds
#           work to every line shows here first), tables included;
#   anemia, hb, adults  one long line each (400 x "Anemia (hemoglobin < 10 g/dL)", 399 comparisons, 640 numbered
#           words): work that grows faster than the line shows here, tables included.
# Every input is repeated by the bench to 1 MB. Needs valgrind.
set -euo pipefail
B=${1:?path of trialmatch_bench}; LCT=${2:?path of the LCT trials.jsonl}; D=${3:-/tmp/tm-count}
command -v valgrind >/dev/null || { echo "count.sh: valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
mkdir -p "$D"

# One record of criteria text in the LCT file's form; the text is built from plain ASCII with no quote or backslash.
record() { printf '{"nct_id": "NCT00000001", "criteria_text": "%s"}\n' "$1"; }
numbered() { local i s="$1 criteria:"; for ((i = 1; i <= $2; ++i)); do s+="\\n  $i. $3"; done; printf '%s' "$s"; }
repeated() { local i s=""; for ((i = 0; i < $2; ++i)); do s+="${s:+$3}$1"; done; printf '%s' "$s"; }
for ((k = 0; k < 40; ++k)); do record "$(numbered Inclusion 50 Adults)"; done > "$D/short.jsonl"
record "Exclusion criteria:\\n  1. $(repeated 'Anemia (hemoglobin < 10 g/dL)' 400 ', ')\\n" > "$D/anemia.jsonl"
hb=""; for ((i = 0; i < 399; ++i)); do hb+="${hb:+, }hemoglobin < $i.5 g/dL"; done
record "Inclusion criteria:\\n  1. $hb\\n" > "$D/hb.jsonl"
adults=""; for ((i = 0; i < 640; ++i)); do adults+=" adults $i."; done
record "Inclusion criteria:\\n  1.$adults" > "$D/adults.jsonl"

# count NAME INPUT TOGGLE: instructions inside the functions TOGGLE names; prints them with and without the tables.
count() {
  local out="$D/callgrind.$1"
  valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="$3" \
    "$B" parse "$2" --mb 1 --what lines >/dev/null 2>&1
  local total tables
  total=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
  tables=$(callgrind_annotate --inclusive=yes "$out" 2>/dev/null | awk '!n && /make_tokenizer_tables/ {gsub(",", "", $1); print $1; n = 1}')
  printf '%-7s %14s instructions (%s less the tables)\n' "$1" "$total" "$((total - ${tables:-0}))"
}
echo "$B, $(date -u +%FT%TZ)"
count corpus "$LCT" 'trialmatch::grammar::Parser::parse*'
count item "$LCT" 'std::_Function_handler<void (unsigned long), *bench_parse*_M_invoke*'
for probe in short anemia hb adults; do count $probe "$D/$probe.jsonl" 'trialmatch::grammar::Parser::parse*'; done
