// Running tshark from tests and splitting its field output. Which tshark, and
// whether there is one at all, is tests/unit/prerequisites.h's business: meson
// runs the tshark suite with --needs=tshark.
#ifndef AIRSIGHT_DATASOURCES_SIM_TESTS_TSHARK_H
#define AIRSIGHT_DATASOURCES_SIM_TESTS_TSHARK_H

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace airsight::sim::test {

struct CommandResult {
    int status = -1; // exit status, or -1 if it did not exit normally
    std::string out;
    std::string err;
};

/// Runs `command` with /bin/sh, capturing stdout (and stderr through a temp file).
inline CommandResult run_command(const std::string& command, const std::string& stderr_file)
{
    CommandResult r;
    std::FILE* p = ::popen((command + " 2>'" + stderr_file + "'").c_str(), "r");
    if (!p) return r;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    const int status = ::pclose(p);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream err(stderr_file);
    r.err.assign(std::istreambuf_iterator<char>(err), std::istreambuf_iterator<char>());
    std::remove(stderr_file.c_str());
    return r;
}

/// tshark -T fields output: one row per frame, one column per -e field (tab-separated).
inline std::vector<std::vector<std::string>> split_rows(const std::string& text)
{
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        std::vector<std::string> row;
        std::size_t start = 0;
        for (;;) {
            const std::size_t tab = line.find('\t', start);
            row.push_back(line.substr(start, tab - start));
            if (tab == std::string::npos) break;
            start = tab + 1;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

/// Splits a field with several occurrences ("a,b,c").
inline std::vector<std::string> split_list(const std::string& s)
{
    std::vector<std::string> out;
    if (s.empty()) return out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = s.find(',', start);
        out.push_back(s.substr(start, comma - start));
        if (comma == std::string::npos) return out;
        start = comma + 1;
    }
}

/// tshark prints byte fields (wlan.ssid) as hex; empty or "<MISSING>" for a zero-length element.
inline std::string from_hex(const std::string& hex)
{
    if (hex == "<MISSING>") return {};
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

} // namespace airsight::sim::test

#endif
