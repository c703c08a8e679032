#include "trialmatch/engine/date.hpp"

#include <fmt/format.h>

#include <charconv>

namespace trialmatch::engine {

using namespace std::chrono;

namespace {
bool read_int(std::string_view s, int& out) noexcept {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}
}  // namespace

std::optional<Date> parse_date(std::string_view text) noexcept {
  // Only the date part of a date-time counts.
  if (auto t = text.find('T'); t != std::string_view::npos) text = text.substr(0, t);
  int y = 0, m = 1, d = 1;
  if (text.size() == 4) {
    if (!read_int(text, y)) return std::nullopt;
  } else if (text.size() == 7 && text[4] == '-') {
    if (!read_int(text.substr(0, 4), y) || !read_int(text.substr(5, 2), m)) return std::nullopt;
  } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    if (!read_int(text.substr(0, 4), y) || !read_int(text.substr(5, 2), m) || !read_int(text.substr(8, 2), d))
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

std::string format_date(Date d) {
  const year_month_day ymd{d};
  const int year = static_cast<int>(ymd.year());
  const unsigned month = static_cast<unsigned>(ymd.month()), day = static_cast<unsigned>(ymd.day());
  if (year >= 0 && year <= 9999 && month <= 99 && day <= 99) {
    // What the format below writes, without parsing it for every date of every evidence line.
    char text[10] = {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
                     static_cast<char>('0' + year / 10 % 10), static_cast<char>('0' + year % 10), '-',
                     static_cast<char>('0' + month / 10), static_cast<char>('0' + month % 10), '-',
                     static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10)};
    return std::string(text, sizeof text);
  }
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

Date today() { return floor<days>(system_clock::now()); }

int completed_months(Date from, Date to) noexcept {
  const year_month_day a{from}, b{to};
  int months = (static_cast<int>(b.year()) - static_cast<int>(a.year())) * 12 +
               (static_cast<int>(static_cast<unsigned>(b.month())) - static_cast<int>(static_cast<unsigned>(a.month())));
  if (static_cast<unsigned>(b.day()) < static_cast<unsigned>(a.day())) {
    // A birthday on the 31st is reached on the last day of a shorter month.
    const auto last = year_month_day_last{b.year(), month_day_last{b.month()}}.day();
    if (b.day() != last) --months;
  }
  return months;
}

int completed_years(Date from, Date to) noexcept {
  const int months = completed_months(from, to);
  return months >= 0 ? months / 12 : -((-months + 11) / 12);
}

}  // namespace trialmatch::engine
