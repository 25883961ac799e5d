#include <airsight/small_vector.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <string>

using airsight::SmallVector;

TEST_CASE("SmallVector keeps the first N inline and the rest after them, in order")
{
    SmallVector<std::string, 2> v;
    CHECK(v.empty());
    CHECK(v.begin() == v.end());
    for (int i = 0; i < 5; ++i) v.push_back(std::to_string(i));
    REQUIRE(v.size() == 5);
    CHECK(v[0] == "0");
    CHECK(v[1] == "1"); // the last inline one
    CHECK(v[2] == "2"); // the first one after them
    CHECK(v.back() == "4");
    std::string joined;
    for (const std::string& s : v) joined += s;
    CHECK(joined == "01234");
    CHECK(v.end() - v.begin() == 5);
    CHECK(*(v.end() - 1) == "4");
    CHECK(std::find(v.begin(), v.end(), "3") - v.begin() == 3);
    CHECK(std::find(v.begin(), v.end(), "9") == v.end());
}

TEST_CASE("SmallVector erase moves the later elements down across the inline boundary")
{
    SmallVector<int, 2> v;
    for (int i = 0; i < 4; ++i) v.push_back(i);
    auto next = v.erase(v.begin()); // the oldest goes, as dot11 bounds its lists
    CHECK(*next == 1);
    REQUIRE(v.size() == 3);
    CHECK(v[0] == 1);
    CHECK(v[1] == 2);
    CHECK(v[2] == 3);
    v.erase(v.begin() + 2);
    v.erase(v.begin() + 1);
    REQUIRE(v.size() == 1);
    CHECK(v[0] == 1);
    v.pop_back();
    CHECK(v.empty());
    v.emplace_back(7); // the inline slot is reused
    CHECK(v[0] == 7);
    v.clear();
    CHECK(v.size() == 0);
}

TEST_CASE("SmallVector holds move-only types and moves with its elements")
{
    SmallVector<std::unique_ptr<int>, 1> v;
    v.emplace_back(std::make_unique<int>(1));
    v.emplace_back(std::make_unique<int>(2));
    SmallVector<std::unique_ptr<int>, 1> moved = std::move(v);
    REQUIRE(moved.size() == 2);
    CHECK(*moved[0] == 1);
    CHECK(*moved[1] == 2);
    const auto& c = moved;
    int sum = 0;
    for (const auto& p : c) sum += *p;
    CHECK(sum == 3);
}

TEST_CASE("SmallVector iterators work with the standard algorithms")
{
    SmallVector<int, 3> v;
    for (int i : {5, 3, 9, 1, 7}) v.push_back(i);
    std::sort(v.begin(), v.end());
    CHECK(v[0] == 1);
    CHECK(v[4] == 9);
    CHECK(std::accumulate(v.begin(), v.end(), 0) == 25);
    SmallVector<int, 3>::const_iterator ci = v.begin(); // iterator converts to const_iterator
    CHECK(ci[1] == 3);
}
