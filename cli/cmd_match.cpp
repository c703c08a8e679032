#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <variant>

#include "commands.hpp"
#include "inputs.hpp"
#include "progress.hpp"
#include "report.hpp"
#include "trialmatch/engine/json_text.hpp"
#include "trialmatch/engine/limits.hpp"
#include "trialmatch/matcher/batch.hpp"
#include "trialmatch/matcher/library.hpp"
#include "trialmatch/matcher/match.hpp"
#include "trialmatch/matcher/patients.hpp"
#include "trialmatch/matcher/reusing_pipeline.hpp"

namespace trialmatch::cli {

namespace {
constexpr auto kDump = nlohmann::json::error_handler_t::replace;

struct PatientLine {
  std::size_t number;     // 1-based line number in the file
  std::string_view text;  // into the content read
};

// The non-blank lines of an NDJSON stream of several patients (read into `content`). Empty where the
// file is one JSON document, not JSON, or unreadable: read_patients then reads (or reports) it whole.
// A first line that is a JSON value of its own, followed by more, is exactly when read_patients reads
// the file line by line (the whole cannot parse as one document).
std::vector<PatientLine> read_patient_stream(const std::string& path, std::string& content) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return {};
  // A file over the limit is left to read_patients, which refuses it with the reason.
  const auto size = in.tellg();
  if (size < 0 || static_cast<std::uint64_t>(size) > engine::limits::max_file_bytes) return {};
  in.seekg(0);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  content = std::move(buffer).str();
  const std::string_view all(content);
  std::vector<PatientLine> lines;
  std::size_t number = 0;
  for (std::size_t start = 0; start <= all.size();) {
    const std::size_t end = std::min(all.find('\n', start), all.size());
    ++number;
    const std::string_view line = all.substr(start, end - start);
    if (line.find_first_not_of(" \t\r\n") != std::string_view::npos) lines.push_back({number, line});
    start = end + 1;
  }
  if (lines.size() < 2) return {};
  std::string first(lines.front().text);
  engine::repair_utf8(first);
  if (!nlohmann::json::accept(first)) return {};
  return lines;
}

}  // namespace

int run_match(const MatchOptions& options) {
  engine::EvalOptions eval;
  eval.open_world = options.open_world;
  eval.as_of = engine::today();
  if (!options.as_of.empty()) {
    auto date = engine::parse_date(options.as_of);
    if (!date || options.as_of.size() != 10) {
      fmt::print(stderr, "trialmatch: --as-of '{}': expected a calendar date YYYY-MM-DD\n", options.as_of);
      return 2;
    }
    eval.as_of = *date;
  }

  // One conversion cache for the run: each (from, to, analyte) factor is resolved once.
  engine::units::ConversionCache conversions;
  eval.conversions = &conversions;

  const engine::Lexicon& lexicon = engine::Lexicon::builtin();
  bool refused = false;
  std::vector<matcher::CompiledTrial> compiled = load_compiled_inputs(options.trial_paths, options.jobs, refused);
  if (options.explain) {
    std::erase_if(compiled, [&](const matcher::CompiledTrial& t) { return t.trial.id != options.trial_id; });
    if (compiled.empty()) {
      fmt::print(stderr, "trialmatch: no trial with id '{}' in {}\n", options.trial_id,
                 options.trial_paths.empty() ? default_library() : fmt::format("{}", fmt::join(options.trial_paths, ", ")));
      return 2;
    }
  }

  TextStyle style;
  style.colour = isatty(STDOUT_FILENO) != 0 && !std::getenv("NO_COLOR");
  style.every_criterion = options.explain;
  // The text summary shows evidence only for failing and unknown criteria; every other form shows it all.
  const matcher::Detail detail =
      options.format == "text" && !options.explain ? matcher::Detail::shown : matcher::Detail::all;

  // One patient's report. `single`: the only patient of the run (a JSON report is then indented);
  // `first`: no blank line before it in text.
  // `trial_jobs`: threads sharing the trials (one patient alone); 1 where patients are shared instead.
  // The text summary lists a trial outside its structured limits (age, sex) with the failing limit only, so
  // it skips the criteria text of such trials through the index; the other forms show every criterion.
  const bool screen = detail == matcher::Detail::shown;
  const std::optional<matcher::TrialIndex> index =
      screen ? std::optional<matcher::TrialIndex>(std::in_place, compiled) : std::nullopt;
  // Match buffers handed from patient to patient: a worker takes one, matches into it, renders and gives it
  // back, so that at most one per worker exists and its results, criterion lists, evidence vectors and
  // indexed facts are written over, not allocated and freed per patient (TrialIndex::match into them).
  matcher::ReusePool<matcher::MatchBuffers> recycled;
  // Appends the report to `out` (a buffer used again from patient to patient in a stream).
  auto render_into = [&](TextBuffer& out, const engine::Patient& patient, bool single, bool first,
                         unsigned trial_jobs = 1) {
    auto lease = recycled.take();
    matcher::MatchBuffers& buffers = lease.value;
    std::vector<matcher::TrialResult>& results = buffers.results;
    if (index) index->match(buffers, patient, lexicon, eval, detail, trial_jobs);
    else results = trial_jobs > 1 ? matcher::match_all_parallel(patient, compiled, lexicon, eval, detail, trial_jobs)
                                  : matcher::match_all(patient, compiled, lexicon, eval, detail);
    if (options.format == "json") {
      const auto report = report_json(patient, eval.as_of, results);
      out.append(single ? report.dump(2, ' ', false, kDump) : report.dump(-1, ' ', false, kDump));
      out.push_back('\n');
    } else if (options.format == "ndjson") {
      for (const auto& r : results) {
        auto line = trial_result_json(r);
        line["patient"] = patient.id;
        line["as_of"] = engine::format_date(eval.as_of);
        out.append(line.dump(-1, ' ', false, kDump));
        out.push_back('\n');
      }
    } else if (options.format == "html") {
      out.append(report_html(patient, eval.as_of, results));
    } else {
      if (!first) out.push_back('\n');
      report_text(out, patient, eval.as_of, results, style);
    }
    recycled.give(std::move(lease));
  };
  auto render = [&](const engine::Patient& patient, bool single, bool first, unsigned trial_jobs = 1) {
    TextBuffer out;
    render_into(out, patient, single, first, trial_jobs);
    return out;
  };
  auto write = [](std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); };

  std::string content;
  const std::vector<PatientLine> lines = read_patient_stream(options.patient_path, content);
  if (!lines.empty()) {
    // A stream of patients: each line is read, matched and rendered on a worker, and written here in
    // input order, so that memory stays flat however long the stream and the output is the same for any --jobs.
    // Into a file or a pipe the reports go out in writes of about a megabyte (stdio's 4 KB buffer made two system
    // calls of each ~45 KB report); a terminal sees each report as it is made.
    const bool to_terminal = isatty(STDOUT_FILENO) != 0;
    TextBuffer gathered;
    auto stream_write = [&](std::string_view text) {
      if (to_terminal) return write(text);
      gathered.append(text);
      if (gathered.size() >= (std::size_t{1} << 20)) {
        write(gathered.view());
        gathered.clear();
      }
    };
    struct Rendered {
      TextBuffer text;
      std::optional<matcher::LoadProblem> problem;
    };
    auto read_line = [&](std::size_t i) -> std::variant<engine::Patient, matcher::LoadProblem> {
      const std::string where = fmt::format("line {}", lines[i].number);
      // As read_patients: bad UTF-8 repaired (the reader warns per field), nesting bounded before parsing.
      // A valid line (nearly all) is read where it lies, not copied.
      std::string_view text = lines[i].text;
      std::string repaired;
      if (!engine::is_valid_utf8(text)) {
        repaired = text;
        engine::repair_utf8(repaired);
        text = repaired;
      }
      if (const auto deep = engine::json_depth_exceeded(text))
        return matcher::LoadProblem{options.patient_path, where,
                                    fmt::format("JSON nested deeper than {} levels (byte {}): expected one patient object",
                                                engine::limits::max_json_depth, *deep)};
      nlohmann::json j;
      try {
        j = nlohmann::json::parse(text);
      } catch (const nlohmann::json::parse_error& e) {
        return matcher::LoadProblem{options.patient_path, where,
                                    fmt::format("not valid JSON (byte {}): expected one patient object per line", e.byte)};
      } catch (const nlohmann::json::exception& e) {  // "1e99999": a number out of range
        return matcher::LoadProblem{options.patient_path, where, fmt::format("not readable JSON: {}", e.what())};
      }
      try {
        return engine::read_patient(j, lexicon);
      } catch (const std::exception& e) {
        return matcher::LoadProblem{options.patient_path, where, e.what()};
      }
    };
    std::size_t patients = 0, skipped = 0;
    std::optional<std::size_t> held;  // json: the first report waits until a second patient shows it is not alone
    TextBuffer held_text;
    Progress bar("matching patients", lines.size(), 100);
    // Each Rendered (its text's capacity) serves patient after patient.
    matcher::reusing_pipeline<Rendered>(
        lines.size(), options.jobs,
        [&](std::size_t i, Rendered& r) {
          r.text.clear();
          r.problem.reset();
          auto read = read_line(i);
          if (auto* problem = std::get_if<matcher::LoadProblem>(&read)) r.problem = std::move(*problem);
          else render_into(r.text, std::get<engine::Patient>(read), false, true);
        },
        [&](std::size_t i, Rendered& r) {
          bar.advance();
          if (r.problem) {
            print_problem(*r.problem);
            ++skipped;
            return;
          }
          if (options.format == "text" && patients > 0) stream_write("\n");
          if (options.format == "json" && patients == 0) {
            held = i;
            held_text = std::move(r.text);
          } else {
            if (held) {
              stream_write(held_text.view());
              held.reset();
              held_text.clear();
            }
            stream_write(r.text.view());
          }
          ++patients;
        });
    write(gathered.view());
    if (held) {
      // The only patient of the stream: its report is indented, as for a single patient file.
      write(render(std::get<engine::Patient>(read_line(*held)), true, true).view());
    }
    if (skipped) {
      refused = true;
      fmt::print(stderr, "trialmatch: {} patient record{} skipped\n", skipped, skipped == 1 ? "" : "s");
    }
  } else {
    const matcher::PatientLoad loaded = matcher::load_patients(options.patient_path, lexicon);
    for (const auto& p : loaded.problems) print_problem(p);
    if (!loaded.problems.empty()) {
      refused = true;
      fmt::print(stderr, "trialmatch: {} patient record{} skipped\n", loaded.problems.size(),
                 loaded.problems.size() == 1 ? "" : "s");
    }
    const std::size_t count = loaded.patients.size();
    if (count == 1) {
      write(render(loaded.patients[0], true, true, options.jobs).view());
    } else {
      matcher::ordered_pipeline(
          count, options.jobs, [&](std::size_t i) { return render(loaded.patients[i], false, i == 0); },
          [&](std::size_t, TextBuffer&& text) { write(text.view()); });
    }
  }
  std::fflush(stdout);
  return refused ? 2 : 0;
}

}  // namespace trialmatch::cli
