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

namespace {

// How many test cases the run's filters selected: a meson test whose
// --test-suite names no suite (a typo, a renamed suite) must fail, not pass
// having run nothing.
int g_selected = -1;

struct SelectedCounter : doctest::IReporter {
    explicit SelectedCounter(const doctest::ContextOptions&) {}
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats& stats) override
    {
        g_selected = static_cast<int>(stats.numTestCasesPassingFilters);
    }
    void test_case_start(const doctest::TestCaseData&) override {}
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("selected-counter", 1, SelectedCounter);

} // namespace

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
    const int result = context.run();
    if (context.shouldExit()) return result; // --help, --list-test-cases, ...
    if (result == 0 && g_selected == 0) {
        std::fprintf(stderr, "no test case matched the filters: nothing was tested\n");
        return 1;
    }
    return result;
}
