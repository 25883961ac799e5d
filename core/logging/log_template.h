// Log file names from Kismet's log_template ("%p/%n-%D-%t-%i.%l"), with
// Kismet's % codes (configfile.cc, process_log_template):
//
//   %p  log_prefix, the folder logs go in        %n  log_title
//   %l  the log class ("kismet", "pcapng")       %h  the user's home folder
//   %d  start date, "Dec-01-2026"                %D  start date, "20261201"
//   %t  start time, "20-15-07"                   %T  start time, "201507"
//   %i  the increment: the first number from 1 that names no existing file
//   %I  the same, six digits ("000001")          %%  a literal '%'
//
// Dates and times are the server's start, in UTC, as in Kismet. Kismet
// silently drops a code it does not know; here it is an error at start, so
// a typo cannot put logs somewhere unexpected. Kismet's %S/%E/%B (its data,
// config and binary install folders) name nothing airsight has: refused too.
#ifndef AIRSIGHT_CORE_LOGGING_LOG_TEMPLATE_H
#define AIRSIGHT_CORE_LOGGING_LOG_TEMPLATE_H

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace airsight::core {

/// What a template's codes stand for, except the increment.
struct LogNameParts {
    std::string prefix;     // %p
    std::string title;      // %n
    std::string log_class;  // %l
    std::string home;       // %h
    std::int64_t start_sec = 0; // %d %D %t %T
};

/// Throws std::invalid_argument quoting the template when it has an unknown
/// code or a trailing '%'.
void check_log_template(std::string_view log_template);

/// The template with every code replaced (`increment` for %i/%I), made
/// absolute from the working directory and lexically normal ("a//b" is
/// "a/b"). Throws as check_log_template.
std::filesystem::path expand_log_template(std::string_view log_template, const LogNameParts& parts,
                                          unsigned increment);

/// The path a new log gets: with %i/%I the first increment from 1 whose
/// path (nor its ".gz" or ".bz2", as Kismet checks) `exists`; without, the
/// one path when it does not exist. Throws std::runtime_error naming the
/// path when none is free (Kismet gives up after 9999 increments).
std::filesystem::path free_log_path(std::string_view log_template, const LogNameParts& parts,
                                    const std::function<bool(const std::filesystem::path&)>& exists);

} // namespace airsight::core

#endif
