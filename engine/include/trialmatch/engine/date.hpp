#pragma once
// Calendar dates (no time of day): the reference date, birth dates, event dates.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace trialmatch::engine {

using Date = std::chrono::sys_days;

// Reads "YYYY-MM-DD", or the date part of an ISO 8601 date-time ("2026-11-01T08:30:00Z");
// "YYYY-MM" and "YYYY" read as the first day. nullopt where it is not a valid calendar date.
std::optional<Date> parse_date(std::string_view text) noexcept;
std::string format_date(Date d);
Date today();

// Completed years / months between two dates (birthday arithmetic, not day counts).
int completed_years(Date from, Date to) noexcept;
int completed_months(Date from, Date to) noexcept;

}  // namespace trialmatch::engine
