// The one main() of every doctest test executable. `--needs=captures,tshark`
// (see prerequisites.h) makes the whole run depend on those: when one is
// missing it exits 77, meson's SKIP, printing why, and under CI=true it fails
// instead. Every other argument goes to doctest (e.g. --test-suite=...).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "prerequisites.h"

#include <cstdio>
#include <exception>
#include <string_view>
#include <vector>

int main(int argc, char** argv)
{
    constexpr std::string_view kNeeds = "--needs=";
    std::vector<char*> doctest_args;
    std::vector<std::string> missing;
    try {
        for (int i = 0; i < argc; ++i) {
            const std::string_view arg = argv[i];
            if (arg.substr(0, kNeeds.size()) == kNeeds) {
                for (std::string& why : airsight::test::missing_prerequisites(arg.substr(kNeeds.size())))
                    missing.push_back(std::move(why));
            } else {
                doctest_args.push_back(argv[i]);
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    if (!missing.empty()) {
        const bool ci = airsight::test::running_in_ci();
        for (const std::string& why : missing) std::printf("%s: %s\n", ci ? "FAIL (CI=true)" : "SKIP", why.c_str());
        std::fflush(stdout);
        return ci ? 1 : 77;
    }
    doctest::Context context(static_cast<int>(doctest_args.size()), doctest_args.data());
    return context.run();
}
