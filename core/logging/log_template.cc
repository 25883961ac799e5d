#include "logging/log_template.h"

#include <ctime>
#include <stdexcept>

namespace airsight::core {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kCodes = "pnlhdDtTiI%";
constexpr unsigned kMaxIncrement = 9999;

std::string utc(std::int64_t sec, const char* format)
{
    const std::time_t t = static_cast<std::time_t>(sec);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    const std::size_t n = std::strftime(buf, sizeof buf, format, &tm);
    return std::string(buf, n);
}

bool has_increment(std::string_view log_template)
{
    for (std::size_t i = 0; i + 1 < log_template.size(); ++i) {
        if (log_template[i] != '%') continue;
        if (log_template[i + 1] == 'i' || log_template[i + 1] == 'I') return true;
        ++i; // skip the code, so "%%i" is a '%' then an 'i'
    }
    return false;
}

} // namespace

void check_log_template(std::string_view log_template)
{
    for (std::size_t i = 0; i < log_template.size(); ++i) {
        if (log_template[i] != '%') continue;
        if (i + 1 == log_template.size())
            throw std::invalid_argument("log_template=" + std::string(log_template) +
                                        " ends with a lone '%' (write %% for a '%')");
        const char code = log_template[++i];
        if (kCodes.find(code) == std::string_view::npos)
            throw std::invalid_argument("log_template=" + std::string(log_template) + " has an unknown code %" +
                                        std::string(1, code) +
                                        " (known: %p prefix, %n title, %l log class, %h home, %d %D date, "
                                        "%t %T time, %i %I increment, %% a '%')");
    }
}

fs::path expand_log_template(std::string_view log_template, const LogNameParts& parts, unsigned increment)
{
    check_log_template(log_template);
    std::string out;
    for (std::size_t i = 0; i < log_template.size(); ++i) {
        if (log_template[i] != '%') {
            out += log_template[i];
            continue;
        }
        switch (log_template[++i]) {
        case 'p': out += parts.prefix; break;
        case 'n': out += parts.title; break;
        case 'l': out += parts.log_class; break;
        case 'h': out += parts.home; break;
        case 'd': out += utc(parts.start_sec, "%b-%d-%Y"); break;
        case 'D': out += utc(parts.start_sec, "%Y%m%d"); break;
        case 't': out += utc(parts.start_sec, "%H-%M-%S"); break;
        case 'T': out += utc(parts.start_sec, "%H%M%S"); break;
        case 'i': out += std::to_string(increment); break;
        case 'I': {
            std::string digits = std::to_string(increment);
            if (digits.size() < 6) digits.insert(0, 6 - digits.size(), '0');
            out += digits;
            break;
        }
        default: out += '%'; break; // "%%": check_log_template allowed nothing else
        }
    }
    return fs::absolute(fs::path(out)).lexically_normal();
}

fs::path free_log_path(std::string_view log_template, const LogNameParts& parts,
                       const std::function<bool(const fs::path&)>& exists)
{
    const auto taken = [&](const fs::path& p) {
        return exists(p) || exists(fs::path(p.string() + ".gz")) || exists(fs::path(p.string() + ".bz2"));
    };
    if (!has_increment(log_template)) {
        fs::path p = expand_log_template(log_template, parts, 0);
        if (taken(p))
            throw std::runtime_error("log file " + p.string() +
                                     " already exists, and log_template has no %i to number a new one");
        return p;
    }
    for (unsigned i = 1; i <= kMaxIncrement; ++i) {
        fs::path p = expand_log_template(log_template, parts, i);
        if (!taken(p)) return p;
    }
    throw std::runtime_error("no free log file name for " + expand_log_template(log_template, parts, 1).string() +
                             " up to increment " + std::to_string(kMaxIncrement) +
                             "; move older logs out of the log folder");
}

} // namespace airsight::core
