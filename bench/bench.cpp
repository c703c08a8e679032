// trialmatch_bench: throughput of every stage, each beside the hand-coded reference (bench/README.md).
// Run by hand on a quiet machine; every figure is the best of --repeat runs.
#include <fmt/format.h>
#include <malloc.h>
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "generate.hpp"
#include "line_costs.hpp"
#include "parse_reference.hpp"
#include "trialmatch/grammar/parser.hpp"
#include "trialmatch/matcher/batch.hpp"
#include "trialmatch/matcher/library.hpp"
#include "trialmatch/matcher/match.hpp"
#include "trialmatch/matcher/patients.hpp"

namespace tx = trialmatch;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  std::string command;
  std::map<std::string, std::string> named;
  std::vector<std::string> positional;
  std::size_t number(const std::string& key, std::size_t fallback) const {
    const auto it = named.find(key);
    return it == named.end() ? fallback : std::stoul(it->second);
  }
  std::string text(const std::string& key, const std::string& fallback) const {
    const auto it = named.find(key);
    return it == named.end() ? fallback : it->second;
  }
};

Args read_args(int argc, char** argv) {
  Args a;
  if (argc > 1) a.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) == 0 && i + 1 < argc) a.named[s.substr(2)] = argv[++i];
    else a.positional.push_back(s);
  }
  return a;
}

// Best wall time of `repeat` runs, in seconds.
double best_of(std::size_t repeat, const std::function<void()>& run) {
  double best = 1e300;
  for (std::size_t r = 0; r < repeat; ++r) {
    const auto start = Clock::now();
    run();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  return best;
}

// Best wall time and best CPU time of the calling thread over `repeat` runs, in seconds. On a machine shared
// with other work the CPU time is the steadier figure of single-threaded work: wall time also counts the
// time other processes held the core.
struct Times {
  double wall = 1e300;
  double cpu = 1e300;
};
double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}
Times best_times(std::size_t repeat, const std::function<void()>& run) {
  Times best;
  for (std::size_t r = 0; r < repeat; ++r) {
    const double cpu_start = thread_cpu_seconds();
    const auto start = Clock::now();
    run();
    best.wall = std::min(best.wall, std::chrono::duration<double>(Clock::now() - start).count());
    best.cpu = std::min(best.cpu, thread_cpu_seconds() - cpu_start);
  }
  return best;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Bytes allocated and not freed: small chunks (uordblks) and the large blocks malloc maps on their own
// (hblkhd: the array of 100,000 trials is one), which uordblks alone leaves out or counts depending on
// where free space happens to lie.
std::size_t heap_in_use() {
  const auto m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

tx::engine::EvalOptions eval_options(tx::engine::units::ConversionCache& cache) {
  tx::engine::EvalOptions o;
  o.as_of = *tx::engine::parse_date("2026-11-21");
  o.conversions = &cache;
  return o;
}

// ---- parse: criteria/s and MB/s over the LCT corpus repeated to --mb megabytes -----------------------------
// User and system CPU time of the whole process so far, in seconds.
double process_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

// Four figures (and a breakdown), each over the corpus repeated to --mb megabytes (--what picks them; all by default):
// - lines: the split criterion lines parsed (grammar only; MB counts the lines' bytes);
// - reference: the same lines through the hand-coded reference (parse_reference.hpp); with `lines`, the two pass by
//   pass, and the parse's time as a multiple of the reference's;
// - split: the records' criteria text cut into lines (matcher::split_criteria; MB counts the whole text);
// - records: both, record by record, as `trialmatch compile` does (MB counts the whole criteria text, with
//   its headings, bullets and blank lines: the registry's "1 GB of criteria text");
// - costs (asked by name only): each distinct line timed alone, best of --rounds (15), and the time split by kind
//   and length of line (line_costs.hpp); --top (10) names the lines costliest for their length.
int bench_parse(const Args& args) {
  if (args.positional.empty()) throw std::runtime_error("parse: expected the path of the LCT trials.jsonl");
  const std::size_t target = args.number("mb", 100) * 1000 * 1000;
  const unsigned jobs = static_cast<unsigned>(args.number("jobs", 1));
  const std::string what = args.text("what", "lines,reference,split,records");
  struct Line { tx::matcher::Section section; std::string text; };
  std::vector<Line> lines;
  std::vector<std::string> records;
  std::size_t bytes = 0, record_bytes = 0;
  std::istringstream in(read_file(args.positional[0]));
  for (std::string row; std::getline(in, row);) {
    const auto j = nlohmann::json::parse(row);
    if (!j["criteria_text"].is_string()) continue;
    records.push_back(j["criteria_text"].get<std::string>());
    record_bytes += records.back().size();
    for (auto& c : tx::matcher::split_criteria(records.back())) {
      bytes += c.text.size();
      lines.push_back({c.section, std::move(c.text)});
    }
  }
  const tx::engine::Lexicon& lexicon = tx::engine::Lexicon::builtin();
  const tx::grammar::Parser parser(lexicon);
  // Prints the wall and CPU rates of `mb` megabytes done in `seconds` (wall) and `cpu` (the process's CPU time).
  const auto report = [&](const char* name, double seconds, double cpu, double mb, std::size_t items, const char* item) {
    fmt::print("{}: {:.2f} MB/s, {:.0f} {}/s ({:.2f} MB/s per core); CPU time {:.2f} s: {:.2f} MB per CPU-second\n", name,
               mb / seconds, static_cast<double>(items) / seconds, item, mb / seconds / jobs, cpu, mb / cpu);
  };
  // Runs work(i) for i in [0, count) on `jobs` threads and reports it.
  const auto measure = [&](const char* name, std::size_t count, double mb, std::size_t items, const char* item,
                           const std::function<void(std::size_t)>& work) {
    const double cpu_before = process_cpu_seconds();
    const double seconds = best_of(1, [&] { tx::matcher::parallel_for(count, jobs, work); });
    report(name, seconds, process_cpu_seconds() - cpu_before, mb, items, item);
  };
  const std::size_t rounds = (target + bytes - 1) / bytes;
  const double lines_mb = static_cast<double>(bytes * rounds) / 1e6;
  const std::size_t line_count = rounds * lines.size();
  const bool parse_lines = what.find("lines") != std::string::npos;
  const bool parse_reference = what.find("reference") != std::string::npos;
  if (parse_lines)
    fmt::print("parse: {} trials, {} criteria ({:.2f} MB) x {} rounds = {:.1f} MB, {} job(s)\n", records.size(),
               lines.size(), static_cast<double>(bytes) / 1e6, rounds, lines_mb, jobs);
  // The parse of line i of the repeated corpus; the first pass counts the lines partly typed.
  std::atomic<std::size_t> typed{0};
  const std::function<void(std::size_t)> parse_line = [&](std::size_t i) {
    const Line& l = lines[i % lines.size()];
    const auto parsed = parser.parse(l.text, tx::matcher::grammar_section(l.section));
    if (i < lines.size() && tx::engine::partly_typed(parsed.tree)) typed.fetch_add(1);
  };
  // The same lines through the hand-coded reference (bench/parse_reference.hpp); the first pass counts the names.
  // (Its tables of the lexicon's names made only where it runs.)
  std::optional<tx::bench::ParseReference> reference;
  if (parse_reference) reference.emplace(lexicon);
  std::atomic<std::size_t> names{0};
  const std::function<void(std::size_t)> reference_line = [&](std::size_t i) {
    thread_local std::string text;
    thread_local std::vector<tx::bench::RefToken> tokens;
    const std::size_t found = reference->read(lines[i % lines.size()].text, text, tokens);
    if (i < lines.size()) names.fetch_add(found);
  };
  const auto print_typed = [&] {
    fmt::print("parse: {:.1f}% of criteria partly typed\n",
               100.0 * static_cast<double>(typed.load()) / static_cast<double>(lines.size()));
  };
  if (parse_lines && parse_reference) {
    // Pass by pass, the parse's then the reference's, each timed: the machine's speed here swings by the minute, and
    // the two taken side by side give a ratio that does not (timed one after the other, 10 s each, it moved by 30 %).
    double parse_wall = 0, parse_cpu = 0, reference_wall = 0, reference_cpu = 0;
    const auto timed = [&](std::size_t pass, const std::function<void(std::size_t)>& work, double& wall, double& cpu) {
      const double cpu_before = process_cpu_seconds();
      const auto start = Clock::now();
      tx::matcher::parallel_for(lines.size(), jobs, [&](std::size_t i) { work(pass * lines.size() + i); });
      wall += std::chrono::duration<double>(Clock::now() - start).count();
      cpu += process_cpu_seconds() - cpu_before;
    };
    for (std::size_t pass = 0; pass < rounds; ++pass) {
      timed(pass, parse_line, parse_wall, parse_cpu);
      timed(pass, reference_line, reference_wall, reference_cpu);
    }
    report("parse", parse_wall, parse_cpu, lines_mb, line_count, "criteria");
    print_typed();
    report("parse reference (hand-coded: words, numbers, lexicon names; pass by pass with the parse)", reference_wall,
           reference_cpu, lines_mb, line_count, "criteria");
    fmt::print("parse reference: {} lexicon names in one pass over the lines\n", names.load());
    fmt::print("parse: {:.2f}x the reference's time (CPU time: {:.2f}x)\n", parse_wall / reference_wall,
               parse_cpu / reference_cpu);
  } else if (parse_lines) {
    measure("parse", line_count, lines_mb, line_count, "criteria", parse_line);
    print_typed();
  } else if (parse_reference) {
    measure("parse reference (hand-coded: words, numbers, lexicon names)", line_count, lines_mb, line_count, "criteria",
            reference_line);
    fmt::print("parse reference: {} lexicon names in one pass over the lines\n", names.load());
  }
  if (what.find("costs") != std::string::npos) {
    std::vector<std::string_view> texts;
    for (const auto& l : lines) texts.emplace_back(l.text);
    const auto costs = tx::bench::time_lines(texts, args.number("rounds", 15), [&](std::size_t i) {
      (void)parser.parse(lines[i].text, tx::matcher::grammar_section(lines[i].section));
    });
    tx::bench::print_line_costs(costs, args.number("top", 10));
  }
  const std::size_t record_rounds = (target + record_bytes - 1) / record_bytes;
  const double record_mb = static_cast<double>(record_bytes * record_rounds) / 1e6;
  const std::size_t record_count = record_rounds * records.size();
  if (what.find("split") != std::string::npos || what.find("records") != std::string::npos)
    fmt::print("records: {} criteria texts ({:.2f} MB) x {} rounds = {:.1f} MB, {} job(s)\n", records.size(),
               static_cast<double>(record_bytes) / 1e6, record_rounds, record_mb, jobs);
  if (what.find("split") != std::string::npos)
    measure("split", record_count, record_mb, record_count, "records", [&](std::size_t i) {
      (void)tx::matcher::split_criteria(records[i % records.size()]);
    });
  if (what.find("records") != std::string::npos)
    measure("split and parse", record_count, record_mb, record_count, "records", [&](std::size_t i) {
      for (const auto& c : tx::matcher::split_criteria(records[i % records.size()]))
        (void)parser.parse(c.text, tx::matcher::grammar_section(c.section));
    });
  return 0;
}

// ---- eval: patient-trial pairs per second, engine (three detail levels) against the reference --------------
std::vector<tx::matcher::CompiledTrial> compile_memo(const std::vector<tx::matcher::Trial>& trials, unsigned jobs) {
  const tx::engine::Lexicon& lexicon = tx::engine::Lexicon::builtin();
  const tx::grammar::Parser parser(lexicon);
  return tx::matcher::compile_all(trials, parser, lexicon, jobs);
}

int bench_eval(const Args& args) {
  const std::size_t n_trials = args.number("trials", 1000), n_patients = args.number("patients", 200);
  const std::size_t repeat = args.number("repeat", 3);
  const auto generated = tx::bench::generate_trials(n_trials, 1);
  const auto people = tx::bench::generate_patients(n_patients, 2);
  const tx::engine::Lexicon& lexicon = tx::engine::Lexicon::builtin();
  const auto compiled = compile_memo(generated.trials, 2);
  std::vector<tx::engine::Patient> patients;
  for (const auto& line : people.native_json) patients.push_back(tx::engine::read_patient(nlohmann::json::parse(line), lexicon));
  tx::engine::units::ConversionCache cache;
  const auto options = eval_options(cache);
  const double pairs = static_cast<double>(n_trials * n_patients);
  std::size_t criteria = 0;
  for (const auto& t : compiled) criteria += t.criteria.size();

  // Agreement first: a fast engine that is wrong is no result.
  std::size_t agree = 0;
  std::array<std::size_t, 3> verdicts{};
  for (std::size_t p = 0; p < n_patients; ++p)
    for (std::size_t t = 0; t < n_trials; ++t) {
      const auto r = tx::matcher::match_trial(patients[p], compiled[t], lexicon, options, tx::matcher::Detail::none);
      const int ref = tx::bench::reference_verdict(generated.ref_trials[t], people.ref[p]);
      agree += static_cast<int>(r.verdict) == ref;
      ++verdicts[static_cast<int>(r.verdict)];
    }
  fmt::print("eval: {} trials ({:.1f} criteria each) x {} patients; verdicts {} eligible / {} review / {} ineligible; "
             "engine agrees with the reference on {:.2f}% of pairs\n",
             n_trials, static_cast<double>(criteria) / static_cast<double>(n_trials), n_patients, verdicts[0],
             verdicts[1], verdicts[2], 100.0 * static_cast<double>(agree) / pairs);

  volatile int sink = 0;
  const Times reference_times = best_times(repeat, [&] {
    int s = 0;
    for (std::size_t p = 0; p < n_patients; ++p)
      for (std::size_t t = 0; t < n_trials; ++t) s += tx::bench::reference_verdict(generated.ref_trials[t], people.ref[p]);
    sink = sink + s;
  });
  const double reference = reference_times.wall;
  fmt::print("eval: reference (hand-coded, pre-normalised): {:.3g} pairs/s; CPU {:.1f} ns/pair\n", pairs / reference,
             reference_times.cpu / pairs * 1e9);
  // The CPU-time figures beside each wall-time one: the same runs, timed by the thread's CPU clock.
  auto cpu_note = [&](const Times& t) {
    return fmt::format("; CPU {:.0f} ns/pair, {:.1f}x the reference's CPU time", t.cpu / pairs * 1e9, t.cpu / reference_times.cpu);
  };
  const std::string details = args.text("details", "verdict,none,shown,all");
  if (details.find("verdict") != std::string::npos) {
    // Verdict and counts only (screen_trial): what the reference computes.
    const Times times = best_times(repeat, [&] {
      int s = 0;
      for (std::size_t p = 0; p < n_patients; ++p) {
        const tx::engine::PatientFacts facts(patients[p], lexicon, options.as_of);
        for (std::size_t t = 0; t < n_trials; ++t)
          s += static_cast<int>(tx::matcher::screen_trial(facts, compiled[t], options).verdict);
      }
      sink = sink + s;
    });
    const double seconds = times.wall;
    fmt::print("eval: engine, verdict only (screen_trial, bound trees): {:.3g} pairs/s, {:.0f} ns/pair, {:.1f}x the "
               "reference's time{}\n", pairs / seconds, seconds / pairs * 1e9, seconds / reference, cpu_note(times));
  }
  for (const auto& entry : {std::pair{tx::matcher::Detail::none, "truth only"},
                             std::pair{tx::matcher::Detail::shown, "evidence for failing/unknown (text report)"},
                             std::pair{tx::matcher::Detail::all, "evidence for every criterion (JSON report)"}}) {
    // (Plain variables, not a structured binding: clang before 16 cannot capture a binding in a lambda.)
    const tx::matcher::Detail detail = entry.first;
    const char* const label = entry.second;
    const char* key = detail == tx::matcher::Detail::none ? "none" : detail == tx::matcher::Detail::shown ? "shown" : "all";
    if (details.find(key) == std::string::npos) continue;
    // As match_all does: each patient's facts indexed once (timed), then every trial.
    auto run = [&](const std::vector<tx::matcher::CompiledTrial>& trials) {
      return best_times(repeat, [&] {
        int s = 0;
        for (std::size_t p = 0; p < n_patients; ++p) {
          const tx::engine::PatientFacts facts(patients[p], lexicon, options.as_of);
          for (std::size_t t = 0; t < n_trials; ++t)
            s += static_cast<int>(tx::matcher::match_trial(facts, trials[t], options, detail).verdict);
        }
        sink = sink + s;
      });
    };
    // Both variants on a fresh copy made the same way, so that memory layout does not favour either.
    const auto bound_copy = compiled;
    const Times times = run(bound_copy);
    const double seconds = times.wall;
    fmt::print("eval: engine, {}: {:.3g} pairs/s, {:.0f} ns/pair, {:.1f}x the reference's time{}\n", label, pairs / seconds,
               seconds / pairs * 1e9, seconds / reference, cpu_note(times));
    if (detail != tx::matcher::Detail::all && args.text("unbound", "yes") == "yes") {
      // The same with the trees left unbound: every criterion through evaluate(), as before bound trees.
      auto unbound = compiled;
      for (auto& t : unbound) t.bound = tx::engine::BoundTree{};
      const double slow = run(unbound).wall;
      fmt::print("eval: engine, {}, trees not bound (evaluate() per criterion): {:.3g} pairs/s, {:.0f} ns/pair, "
                 "{:.1f}x the reference's time\n", label, pairs / slow, slow / pairs * 1e9, slow / reference);
    }
  }
  return 0;
}

// ---- ingest: patients per second, native NDJSON and FHIR Bundles --------------------------------------------
int bench_ingest(const Args& args) {
  const std::size_t n = args.number("patients", 10000), repeat = args.number("repeat", 3);
  const auto people = tx::bench::generate_patients(n, 2);
  const tx::engine::Lexicon& lexicon = tx::engine::Lexicon::builtin();
  for (const auto& entry : {std::pair{&people.native_json, "native NDJSON"}, std::pair{&people.fhir_json, "FHIR Bundle NDJSON"}}) {
    const auto* const lines = entry.first;  // (not a structured binding: see bench_eval)
    const char* const label = entry.second;
    std::string content;
    for (const auto& l : *lines) content += l + "\n";
    std::size_t read = 0;
    const double seconds = best_of(repeat, [&] { read = tx::matcher::read_patients(content, label, lexicon).patients.size(); });
    const double parse_only = best_of(repeat, [&] {
      std::size_t start = 0;
      while (start < content.size()) {
        const std::size_t end = content.find('\n', start);
        const auto parsed = nlohmann::json::parse(std::string_view(content).substr(start, end - start));
        if (parsed.is_discarded()) throw std::runtime_error("unreadable line");
        start = end + 1;
      }
    });
    fmt::print("ingest: {}: {} patients, {:.1f} MB: {:.0f} patients/s ({:.1f} MB/s); JSON parsing alone {:.0f} patients/s\n",
               label, read, static_cast<double>(content.size()) / 1e6, static_cast<double>(n) / seconds,
               static_cast<double>(content.size()) / 1e6 / seconds, static_cast<double>(n) / parse_only);
  }
  return 0;
}

// ---- library: load against re-parse, memory per trial, one patient against every trial ---------------------
// Where a loaded trial's heap goes: the encoded criteria, the bound array, the record; and what the criteria
// cost once decoded (as a report decodes them), measured on a copy so that the trials timed below stay as loaded.
void heap_breakdown(const std::vector<tx::matcher::CompiledTrial>& compiled) {
  const double n = static_cast<double>(compiled.size());
  std::size_t encoded = 0, bound = 0, criteria = 0;
  for (const auto& t : compiled) {
    encoded += t.criteria.block().size();
    bound += t.bound.heap_bytes();
    criteria += t.criteria.size();
  }
  fmt::print("library: heap breakdown per trial ({:.1f} criteria): sizeof(CompiledTrial) {} bytes (in the vector); encoded "
             "criteria {:.0f} bytes; bound array {:.0f} bytes (without malloc's own overhead)\n",
             static_cast<double>(criteria) / n, sizeof(tx::matcher::CompiledTrial), static_cast<double>(encoded) / n,
             static_cast<double>(bound) / n);
  std::vector<tx::matcher::CompiledTrial> copy = compiled;
  malloc_trim(0);
  const std::size_t before = heap_in_use();
  for (const auto& t : copy)
    if (!t.criteria.empty()) (void)t.criteria.front();  // decodes the trial's criteria
  const std::size_t after = heap_in_use();
  fmt::print("library: the criteria of every trial decoded (as after a report reads them): +{:.0f} bytes per trial\n",
             static_cast<double>(after - before) / n);
}

int bench_library(const Args& args) {
  const std::size_t n = args.number("trials", 100000), repeat = args.number("repeat", 3);
  const unsigned jobs = static_cast<unsigned>(args.number("jobs", 2));
  const std::string dir = args.text("dir", "/tmp");
  auto generated = tx::bench::generate_trials(n, 1);
  const std::string lct = args.text("lct", "");
  if (!lct.empty()) {
    // Realistic text: the LCT criteria, cycled, under the generated trials' ids and structured limits.
    std::vector<std::vector<tx::matcher::Criterion>> texts;
    std::istringstream in(read_file(lct));
    for (std::string row; std::getline(in, row);) {
      const auto j = nlohmann::json::parse(row);
      if (j["criteria_text"].is_string()) texts.push_back(tx::matcher::split_criteria(j["criteria_text"].get<std::string>()));
    }
    for (std::size_t i = 0; i < n; ++i) generated.trials[i].criteria = texts[i % texts.size()];
  }
  const std::string source = dir + "/bench_trials.ndjson", library = dir + "/bench_trials.tmlib";
  {
    std::ofstream out(source, std::ios::binary);
    for (const auto& t : generated.trials) out << tx::matcher::to_json(t).dump() << '\n';
  }
  const tx::engine::Lexicon& lexicon = tx::engine::Lexicon::builtin();
  const tx::grammar::Parser parser(lexicon);
  std::vector<tx::matcher::CompiledTrial> compiled;
  const double reparse = best_of(1, [&] {
    compiled = tx::matcher::load_compiled({source}, parser, lexicon, jobs).trials;
  });
  {
    std::ofstream out(library, std::ios::binary);
    tx::matcher::write_library(out, compiled);
  }
  compiled.clear();
  compiled.shrink_to_fit();
  malloc_trim(0);
  const std::size_t heap_before = heap_in_use();
  // The previous run's trials are freed before each run, outside the time (as the re-parse above frees none).
  double load = 1e300;
  for (std::size_t r = 0; r < repeat; ++r) {
    compiled = {};
    load = std::min(load, best_of(1, [&] { compiled = tx::matcher::load_library(library, jobs).trials; }));
  }
  const std::size_t heap_after = heap_in_use();
  tx::matcher::LibraryLoad one;
  const double load_one = best_of(1, [&] { one = tx::matcher::load_library(library, 1); });
  one = {};
  fmt::print("library: {} trials; source {:.1f} MB, library {:.1f} MB\n", n,
             static_cast<double>(std::filesystem::file_size(source)) / 1e6,
             static_cast<double>(std::filesystem::file_size(library)) / 1e6);
  fmt::print("library: read + compile the source ({} jobs) {:.2f} s; load the library {:.3f} s ({} jobs), {:.3f} s (1 job): "
             "{:.0f}x faster\n", jobs, reparse, load, jobs, load_one, reparse / load);
  fmt::print("library: heap per compiled trial {:.0f} bytes\n",
             static_cast<double>(heap_after - heap_before) / static_cast<double>(compiled.size()));
  if (args.text("breakdown", "yes") == "yes") heap_breakdown(compiled);

  if (args.text("decode-first", "no") == "yes") {
    // Every trial's criteria decoded now, in order (as a report over every trial would leave them), so that
    // the evidence figures below do not depend on where the first report's decoding put them.
    const double decode = best_of(1, [&] {
      for (const auto& t : compiled)
        if (!t.criteria.empty()) (void)t.criteria.front();
    });
    fmt::print("library: every trial's criteria decoded first: {:.3f} s\n", decode);
  }
  const tx::matcher::TrialIndex index(compiled);
  fmt::print("library: index of {} groups by structured limits\n", index.group_count());
  const auto people = tx::bench::generate_patients(20, 2);
  tx::engine::units::ConversionCache cache;
  const auto options = eval_options(cache);
  const std::string details = args.text("details", "verdict,none,shown,all");
  if (details.find("verdict") != std::string::npos) {
    double total = 0, indexed = 0, parallel = 0, total_cpu = 0, indexed_cpu = 0;
    for (const auto& line : people.native_json) {
      const auto patient = tx::engine::read_patient(nlohmann::json::parse(line), lexicon);
      const Times all = best_times(repeat, [&] {
        const tx::engine::PatientFacts facts(patient, lexicon, options.as_of);
        std::vector<tx::matcher::Screening> out;
        out.reserve(compiled.size());
        for (const auto& t : compiled) out.push_back(tx::matcher::screen_trial(facts, t, options));
      });
      const Times by_index = best_times(repeat, [&] { (void)index.screen(patient, lexicon, options); });
      total += all.wall, total_cpu += all.cpu, indexed += by_index.wall, indexed_cpu += by_index.cpu;
      parallel += best_of(repeat, [&] { (void)index.screen(patient, lexicon, options, jobs); });
    }
    const double count = static_cast<double>(people.native_json.size());
    fmt::print("library: one patient against {} compiled trials, verdicts only (screen_trial): {:.1f} ms; with the index "
               "{:.1f} ms (mean of {} patients, 1 thread; CPU {:.1f} ms and {:.1f} ms); with the index on {} threads {:.1f} ms\n",
               n, total / count * 1e3, indexed / count * 1e3, count, total_cpu / count * 1e3, indexed_cpu / count * 1e3,
               jobs, parallel / count * 1e3);
  }
  for (const auto& entry : {std::pair{tx::matcher::Detail::none, "truth only"},
                             std::pair{tx::matcher::Detail::shown, "text-report evidence"},
                             std::pair{tx::matcher::Detail::all, "full evidence"}}) {
    const tx::matcher::Detail detail = entry.first;  // (not a structured binding: see bench_eval)
    const char* const label = entry.second;
    const char* key = detail == tx::matcher::Detail::none ? "none" : detail == tx::matcher::Detail::shown ? "shown" : "all";
    if (details.find(key) == std::string::npos) continue;
    double total = 0, indexed = 0, parallel = 0, total_cpu = 0, indexed_cpu = 0;
    for (const auto& line : people.native_json) {
      const auto patient = tx::engine::read_patient(nlohmann::json::parse(line), lexicon);
      const Times all = best_times(repeat, [&] { (void)tx::matcher::match_all(patient, compiled, lexicon, options, detail); });
      const Times by_index = best_times(repeat, [&] { (void)index.match(patient, lexicon, options, detail); });
      total += all.wall, total_cpu += all.cpu, indexed += by_index.wall, indexed_cpu += by_index.cpu;
      parallel += best_of(repeat, [&] { (void)index.match(patient, lexicon, options, detail, jobs); });
    }
    const double count = static_cast<double>(people.native_json.size());
    fmt::print("library: one patient against {} compiled trials, {}: {:.1f} ms; with the index {:.1f} ms "
               "(mean of {} patients, 1 thread; CPU {:.1f} ms and {:.1f} ms); with the index on {} threads {:.1f} ms\n",
               n, label, total / count * 1e3, indexed / count * 1e3, count, total_cpu / count * 1e3,
               indexed_cpu / count * 1e3, jobs, parallel / count * 1e3);
  }
  return 0;
}

// ---- load: a library already written (by `library`), loaded alone: for profiling the load ------------------
int bench_load(const Args& args) {
  if (args.positional.empty()) throw std::runtime_error("load: expected the path of a compiled library");
  const std::size_t repeat = args.number("repeat", 3);
  const unsigned jobs = static_cast<unsigned>(args.number("jobs", 2));
  double load = 1e300;
  std::size_t trials = 0;
  for (std::size_t r = 0; r < repeat; ++r) {
    tx::matcher::LibraryLoad loaded;  // freed after the time is taken
    load = std::min(load, best_of(1, [&] { loaded = tx::matcher::load_library(args.positional[0], jobs); }));
    trials = loaded.trials.size();
  }
  fmt::print("load: {} trials in {:.3f} s ({} jobs)\n", trials, load, jobs);
  return 0;
}

// ---- generate: the end-to-end inputs -------------------------------------------------------------------------
int bench_generate(const Args& args) {
  const std::size_t n_trials = args.number("trials", 100), n_patients = args.number("patients", 30000);
  const std::string dir = args.text("out", ".");
  std::filesystem::create_directories(dir);
  const auto generated = tx::bench::generate_trials(n_trials, 1);
  {
    std::ofstream out(dir + "/trials.ndjson", std::ios::binary);
    for (const auto& t : generated.trials) out << tx::matcher::to_json(t).dump() << '\n';
  }
  const auto people = tx::bench::generate_patients(n_patients, 2);
  std::ofstream native(dir + "/patients.ndjson", std::ios::binary), fhir(dir + "/patients.fhir.ndjson", std::ios::binary);
  for (const auto& l : people.native_json) native << l << '\n';
  for (const auto& l : people.fhir_json) fhir << l << '\n';
  fmt::print("generate: {} trials -> {}/trials.ndjson; {} patients -> {}/patients.ndjson, {}/patients.fhir.ndjson\n",
             n_trials, dir, n_patients, dir, dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = read_args(argc, argv);
  try {
    if (args.command == "parse") return bench_parse(args);
    if (args.command == "eval") return bench_eval(args);
    if (args.command == "ingest") return bench_ingest(args);
    if (args.command == "library") return bench_library(args);
    if (args.command == "load") return bench_load(args);
    if (args.command == "generate") return bench_generate(args);
  } catch (const std::exception& e) {
    fmt::print(stderr, "trialmatch_bench: {}\n", e.what());
    return 2;
  }
  fmt::print(stderr,
             "usage: trialmatch_bench parse LCT_TRIALS_JSONL [--mb 100] [--jobs 1] [--what lines,reference,split,records,costs]\n"
             "       trialmatch_bench eval [--trials 1000] [--patients 200] [--repeat 3]\n"
             "       trialmatch_bench ingest [--patients 10000]\n"
             "       trialmatch_bench library [--trials 100000] [--jobs 2] [--dir /tmp] [--lct LCT_TRIALS_JSONL]\n"
             "       trialmatch_bench load LIBRARY [--jobs 2] [--repeat 3]\n"
             "       trialmatch_bench generate [--trials 100] [--patients 30000] [--out DIR]\n");
  return 2;
}
