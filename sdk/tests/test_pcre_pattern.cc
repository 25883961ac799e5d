#include <airsight/pcre_pattern.h>

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using airsight::PcrePattern;

TEST_CASE("a pattern matches anywhere in the subject, not only at its start")
{
    const PcrePattern p("^Spark-(?!RC-).*");
    CHECK(p.found_in("Spark-1234"));
    CHECK_FALSE(p.found_in("Spark-RC-1234"));
    CHECK_FALSE(p.found_in("My Spark-1234"));
    const PcrePattern anywhere("Drone");
    CHECK(anywhere.found_in("MyDrone-42"));
    CHECK_FALSE(anywhere.found_in("drone"));
    CHECK(anywhere.found_in(std::string_view("x\0Drone", 7))); // bytes after a NUL are searched too
}

TEST_CASE("bytes reads one character per byte; utf8 reads characters and never matches broken UTF-8")
{
    const std::string e_acute = "\xc3\xa9"; // é in UTF-8
    CHECK(PcrePattern("^..$", PcrePattern::Encoding::bytes).found_in(e_acute));
    CHECK_FALSE(PcrePattern("^.$", PcrePattern::Encoding::bytes).found_in(e_acute));
    CHECK(PcrePattern("^.$", PcrePattern::Encoding::utf8).found_in(e_acute));
    CHECK_FALSE(PcrePattern("^.$", PcrePattern::Encoding::utf8).found_in("\xc3")); // a cut sequence
    CHECK(PcrePattern("ok", PcrePattern::Encoding::utf8).found_in("\xff ok")); // the valid part still matches
}

TEST_CASE("a pattern that does not compile says where and why")
{
    CHECK_THROWS_WITH_AS(PcrePattern("ab("), doctest::Contains("does not compile at offset 3: "),
                         std::invalid_argument);
    CHECK_THROWS_AS(PcrePattern("[z-a]", PcrePattern::Encoding::utf8), std::invalid_argument);
}

TEST_CASE("copies share the compiled pattern, searched from several threads at once")
{
    const PcrePattern original("^TELLO-[0-9A-F]{6}$");
    const PcrePattern copy = original;
    std::vector<std::thread> threads;
    std::vector<int> found(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i)
                found[t] += (t % 2 ? copy : original).found_in(i % 2 ? "TELLO-ABC123" : "TELLO-abc123") ? 1 : 0;
        });
    for (auto& th : threads) th.join();
    for (int n : found) CHECK(n == 100);
}
