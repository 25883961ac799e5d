// Running a tool the tests compare against (tshark) and reading what it prints.
#ifndef AIRSIGHT_TESTS_INTEGRATION_COMMAND_OUTPUT_H
#define AIRSIGHT_TESTS_INTEGRATION_COMMAND_OUTPUT_H

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace airsight::test {

/// Runs `command` through the shell and returns its standard output. The
/// test fails (CHECK, naming the command) when it cannot start or exits
/// with a status other than 0.
inline std::string command_output(const std::string& command)
{
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE_MESSAGE(pipe != nullptr, "cannot run " << command);
    std::string out;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    const int status = ::pclose(pipe);
    CHECK_MESSAGE(status == 0, command << " exited with status " << status);
    return out;
}

/// `text` split at newlines; a last line without one counts, an empty text has none.
inline std::vector<std::string> output_lines(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t nl = text.find('\n', at);
        out.push_back(text.substr(at, nl - at));
        at = nl == std::string::npos ? text.size() : nl + 1;
    }
    return out;
}

} // namespace airsight::test

#endif
