// The moment of matching among a window's reference events (see moments.hpp).

#include "trialmatch/engine/moments.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace trialmatch::engine {

namespace {

// The words of a snake_case id, at most `N`; false where there are more.
template <std::size_t N>
bool split_words(std::string_view id, std::array<std::string_view, N>& words, std::size_t& count) {
  count = 0;
  while (!id.empty()) {
    const std::size_t end = id.find('_');
    if (count == N) return false;
    words[count++] = id.substr(0, end);
    if (end == std::string_view::npos) break;
    id.remove_prefix(end + 1);
  }
  return true;
}

template <std::size_t N>
bool one_of(std::string_view word, const std::string_view (&list)[N]) {
  for (std::string_view w : list)
    if (word == w) return true;
  return false;
}

}  // namespace

bool starts_study_treatment(std::string_view before) {
  auto word_at = [&](std::size_t& p, std::string_view w) {
    if (before.substr(p, w.size()) != w || (p + w.size() < before.size() && before[p + w.size()] != '_')) return false;
    p += w.size() + (p + w.size() < before.size() ? 1 : 0);
    return true;
  };
  std::size_t p = 0;
  word_at(p, "the");
  if (word_at(p, "day") && word_at(p, "1")) {
    static constexpr std::string_view of_what[] = {"", "of_cycle_1", "of_treatment", "of_study_treatment", "of_the_study",
                                                   "of_study", "of_the_trial", "of_trial"};
    return one_of(before.substr(std::min(p, before.size())), of_what);
  }
  p = before.substr(0, 4) == "the_" ? 4 : 0;
  static constexpr std::string_view starts[] = {"first", "start", "initiation", "beginning", "starting", "1st"};
  bool started = false;
  for (auto s : starts) started = started || word_at(p, s);
  if (!started) return false;
  word_at(p, "of");
  word_at(p, "the");
  // What starts: the study's own treatment, or a dose or cycle of whatever it is.
  static constexpr std::string_view own[] = {"dose", "dosing", "administration", "cycle", "treatment", "study",
                                             "trial", "investigational", "infusion", "injection"};
  bool named = false;
  for (auto w : own) named = named || word_at(p, w);
  if (!named) return false;
  // "first dose" alone, or of the study's drug, treatment or intervention: no other name after it.
  if (p >= before.size()) return true;
  word_at(p, "of");
  word_at(p, "the");
  static constexpr std::string_view study[] = {"study", "trial", "investigational", "treatment", "therapy",
                                               "protocol", "cycle", "visit"};
  for (auto w : study)
    if (word_at(p, w)) return true;
  return false;
}

// Built from words, not a list of whole ids, because registries name these moments in many ways ("time of
// screening", "enrolment into the study", "the randomization visit", "beginning of the study"): every word
// must name the moment or be filler around it, so "screening_dbpcfc", "initial_enrollment_into" (into what?)
// or "initiation_of_novomix_30_treatment" are other events.
bool is_moment_of_matching(std::string_view before) {
  if (before.empty()) return true;
  if (starts_study_treatment(before)) return true;
  static constexpr std::string_view moments[] = {
      "study",     "trial",       "screening",   "enrollment",   "enrolment",     "enrolling", "enroll",
      "enrol",     "inclusion",   "randomization", "randomisation", "randomized",  "randomised", "baseline",
      "consent",   "registration", "entry",      "recruitment",  "dosing"};
  // Words around a moment: "the time of", "start of the", "date", "visit", "period"; "informed" consent.
  static constexpr std::string_view filler[] = {
      "the",   "time",      "date",   "day",        "visit",    "period",     "phase",  "this",  "our",
      "start", "beginning", "began",  "commencement", "initiation", "informed", "initial", "current",
      "study's", "present", "entering", "joining", "participation", "starting", "signing", "signature"};
  // Words that join two others ("enrolment into the study"): never the last word.
  static constexpr std::string_view joins[] = {"of", "into", "in", "to", "at", "for"};
  std::array<std::string_view, 8> words{};
  std::size_t count = 0;
  if (!split_words(before, words, count)) return false;
  bool named = false;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view w = words[i];
    if (one_of(w, moments)) {
      named = true;
    } else if (one_of(w, joins)) {
      if (i + 1 == count) return false;
    } else if (w == "1") {  // "visit 1", the first visit of the study
      if (i == 0 || words[i - 1] != "visit") return false;
      named = true;
    } else if (!one_of(w, filler)) {
      return false;
    }
  }
  return named;
}

}  // namespace trialmatch::engine
