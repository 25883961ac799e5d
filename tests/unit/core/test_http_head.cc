// The request head parser and the request reader: pure functions over
// bytes, so every case here is exact.
#include "http/chunked_body.h"
#include "http/request_head.h"
#include "http/request_reader.h"

#include <doctest/doctest.h>

#include <limits>

using namespace airsight::core;
using Outcome = HeadParse::Outcome;
using Kind = RequestReader::Step::Kind;

TEST_CASE("request head: a complete head with fields")
{
    const std::string bytes = "GET /system/status.json?a=1 HTTP/1.1\r\nHost: x\r\nCookie: a=1\r\ncookie:  b=2 \r\n\r\nNEXT";
    const HeadParse p = parse_request_head(bytes);
    REQUIRE(p.outcome == Outcome::Complete);
    CHECK(p.consumed == bytes.size() - 4);
    CHECK(p.head.method == "GET");
    CHECK(p.head.target == "/system/status.json?a=1");
    CHECK(p.head.version_minor == 1);
    CHECK(*p.head.field("HOST") == "x");
    CHECK(p.head.joined("Cookie") == "a=1, b=2");
    CHECK(p.head.field("Missing") == nullptr);
}

TEST_CASE("request head: bare LF line ends, leading blank lines, HTTP/1.0")
{
    const HeadParse p = parse_request_head("\r\n\nHEAD / HTTP/1.0\nA: b\n\n");
    REQUIRE(p.outcome == Outcome::Complete);
    CHECK(p.head.method == "HEAD");
    CHECK(p.head.version_minor == 0);
    CHECK(!wants_keep_alive(p.head));
}

TEST_CASE("request head: incomplete until the blank line, at every cut")
{
    const std::string bytes = "POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\n";
    for (std::size_t cut = 0; cut < bytes.size(); ++cut)
        CHECK(parse_request_head(std::string_view(bytes).substr(0, cut)).outcome == Outcome::Incomplete);
    CHECK(parse_request_head(bytes).outcome == Outcome::Complete);
}

TEST_CASE("request head: versions other than 1.0 and 1.1 are 505, malformed ones 400")
{
    CHECK(parse_request_head("GET / HTTP/9.9\r\n\r\n").error_status == 505);
    CHECK(parse_request_head("GET / HTTP/2.0\r\n\r\n").error_status == 505);
    CHECK(parse_request_head("GET / HTTP/1.2\r\n\r\n").error_status == 505);
    // Decided as soon as the request line is complete, before the rest arrives.
    CHECK(parse_request_head("GET / HTTP/9.9\r\nHost: dribbling").error_status == 505);
    CHECK(parse_request_head("GET / HTTP/1.1x\r\n\r\n").error_status == 400);
    CHECK(parse_request_head("GET / http/1.1\r\n\r\n").error_status == 400);
    CHECK(parse_request_head("GET /\r\n\r\n").error_status == 400);
    CHECK(parse_request_head("GET  / HTTP/1.1\r\n\r\n").error_status == 400);
    CHECK(parse_request_head("G(T / HTTP/1.1\r\n\r\n").error_status == 400);
}

TEST_CASE("request head: malformed fields are 400")
{
    CHECK(parse_request_head("GET / HTTP/1.1\r\nNoColon\r\n\r\n").error_status == 400);
    CHECK(parse_request_head("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n").error_status == 400);
    CHECK(parse_request_head("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n").error_status == 400);
    CHECK(parse_request_head(std::string("GET / HTTP/1.1\r\nA: b\0c\r\n\r\n", 27)).error_status == 400);
    CHECK(parse_request_head("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n").error_status == 400);
    const HeadParse p = parse_request_head("GET / HTTP/1.1\r\nNoColon\r\n\r\n");
    CHECK(p.outcome == Outcome::Error);
    CHECK(!p.error.empty());
}

TEST_CASE("request head: size and field-count limits give 431")
{
    HeadLimits limits;
    limits.max_head_bytes = 100;
    limits.max_fields = 3;
    CHECK(parse_request_head("GET /" + std::string(200, 'a'), limits).error_status == 431);
    CHECK(parse_request_head("GET / HTTP/1.1\r\nA: " + std::string(120, 'a') + "\r\n\r\n", limits).error_status == 431);
    CHECK(parse_request_head("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", limits).error_status == 431);
    CHECK(parse_request_head("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits).outcome == Outcome::Complete);
    CHECK(parse_request_head(std::string(200, '\n'), limits).error_status == 431);
}

TEST_CASE("body framing: length, chunked, none, 411 and conflicts")
{
    auto framing = [](const std::string& fields, const std::string& method = "POST") {
        const HeadParse p = parse_request_head(method + " / HTTP/1.1\r\n" + fields + "\r\n");
        REQUIRE(p.outcome == Outcome::Complete);
        return body_framing_of(p.head);
    };
    CHECK(framing("Content-Length: 12\r\n").kind == BodyFraming::Kind::Length);
    CHECK(framing("Content-Length: 12\r\n").length == 12);
    CHECK(framing("Content-Length: 99999999999999999999999\r\n").length == std::numeric_limits<std::uint64_t>::max());
    CHECK(framing("Content-Length: 12\r\nContent-Length: 12\r\n").length == 12);
    CHECK(framing("Content-Length: 12\r\nContent-Length: 13\r\n").error_status == 400);
    CHECK(framing("Content-Length: -1\r\n").error_status == 400);
    CHECK(framing("Content-Length: 0x10\r\n").error_status == 400);
    CHECK(framing("Transfer-Encoding: chunked\r\n").kind == BodyFraming::Kind::Chunked);
    CHECK(framing("Transfer-Encoding: gzip, chunked\r\n").error_status == 501);
    CHECK(framing("Transfer-Encoding: chunked\r\nContent-Length: 3\r\n").error_status == 400);
    CHECK(framing("").error_status == 411);
    CHECK(framing("", "GET").kind == BodyFraming::Kind::None);
    CHECK(framing("", "GET").error_status == 0);
}

TEST_CASE("keep-alive: HTTP/1.1 by default, HTTP/1.0 on request")
{
    auto head = [](const std::string& text) { return parse_request_head(text).head; };
    CHECK(wants_keep_alive(head("GET / HTTP/1.1\r\n\r\n")));
    CHECK(!wants_keep_alive(head("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n")));
    CHECK(!wants_keep_alive(head("GET / HTTP/1.0\r\n\r\n")));
    CHECK(wants_keep_alive(head("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")));
    CHECK(!wants_keep_alive(head("GET / HTTP/1.1\r\nConnection: keep-alive, close\r\n\r\n")));
}

TEST_CASE("chunked decoder: whole, byte by byte, extensions and trailers")
{
    const std::string wire = "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\nNEXT";
    {
        ChunkedDecoder d(100);
        std::string body;
        std::size_t used = 0;
        CHECK(d.feed(wire, used, body) == ChunkedDecoder::Status::Done);
        CHECK(body == "hello, world");
        CHECK(wire.substr(used) == "NEXT");
    }
    {
        ChunkedDecoder d(100);
        std::string body;
        std::size_t i = 0;
        ChunkedDecoder::Status s = ChunkedDecoder::Status::NeedMore;
        while (s == ChunkedDecoder::Status::NeedMore && i < wire.size()) {
            std::size_t used = 0;
            s = d.feed(std::string_view(wire).substr(i, 1), used, body);
            CHECK(used == 1);
            ++i;
        }
        CHECK(s == ChunkedDecoder::Status::Done);
        CHECK(body == "hello, world");
        CHECK(wire.substr(i) == "NEXT");
    }
}

TEST_CASE("chunked decoder: errors and the body limit")
{
    auto run = [](const std::string& wire, std::size_t max) {
        ChunkedDecoder d(max);
        std::string body;
        std::size_t used = 0;
        const auto s = d.feed(wire, used, body);
        return s == ChunkedDecoder::Status::Error ? d.error_status() : 0;
    };
    CHECK(run("zz\r\n", 100) == 400);
    CHECK(run("\r\n", 100) == 400);
    CHECK(run("3\r\nabcX", 100) == 400);
    CHECK(run("65\r\n", 100) == 413);
    CHECK(run("ffffffffffffffffffffffff\r\n", 100) == 413);
    CHECK(run("32\r\n" + std::string(50, 'a') + "\r\n33\r\n", 100) == 413);
    CHECK(run(std::string(2000, '1'), 1 << 30) == 400);
    CHECK(run("3\r\nabc\r\n", 100) == 0);
}

namespace {
RequestReader reader(std::size_t max_body = 1000) { return RequestReader(HeadLimits{}, max_body); }
} // namespace

TEST_CASE("request reader: pipelined requests come out one at a time")
{
    RequestReader r = reader();
    std::string in = "GET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nxyzGET /c HTTP/1.1\r\n\r\n";
    REQUIRE(r.advance(in).kind == Kind::Ready);
    CHECK(r.head().target == "/a");
    r.reset();
    REQUIRE(r.advance(in).kind == Kind::Ready);
    CHECK(r.head().target == "/b");
    CHECK(r.body() == "xyz");
    r.reset();
    REQUIRE(r.advance(in).kind == Kind::Ready);
    CHECK(r.head().target == "/c");
    CHECK(in.empty());
}

TEST_CASE("request reader: a request dribbled byte by byte")
{
    RequestReader r = reader();
    const std::string wire = "POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
    std::string in;
    for (std::size_t i = 0; i < wire.size(); ++i) {
        in += wire[i];
        const auto step = r.advance(in);
        if (i + 1 < wire.size()) {
            REQUIRE(step.kind == Kind::NeedMore);
        } else {
            REQUIRE(step.kind == Kind::Ready);
        }
    }
    CHECK(r.body() == "abc");
}

TEST_CASE("request reader: Expect 100-continue, limits and rejections")
{
    {
        RequestReader r = reader();
        std::string in = "POST /b HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
        CHECK(r.advance(in).kind == Kind::Continue);
        CHECK(r.in_body());
        CHECK(r.advance(in).kind == Kind::NeedMore);
        in = "ok";
        CHECK(r.advance(in).kind == Kind::Ready);
        CHECK(r.body() == "ok");
    }
    {
        RequestReader r = reader();
        std::string in = "POST /b HTTP/1.1\r\nExpect: tea\r\nContent-Length: 2\r\n\r\n";
        CHECK(r.advance(in).status == 417);
    }
    {
        RequestReader r = reader(1000);
        std::string in = "POST /b HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n";
        const auto step = r.advance(in);
        CHECK(step.kind == Kind::Reject);
        CHECK(step.status == 413);
        CHECK(step.message.find("httpd_max_body") != std::string::npos);
    }
    {
        RequestReader r = reader();
        std::string in = "POST /b HTTP/1.1\r\n\r\n";
        CHECK(r.advance(in).status == 411);
    }
    {
        RequestReader r = reader();
        std::string in = "GET / HTTP/1.1\r\n" + std::string(40 * 1024, 'a');
        CHECK(r.advance(in).status == 431);
    }
    {
        RequestReader r = reader();
        std::string in = "GET / HTTP/9.9\r\n";
        CHECK(r.advance(in).status == 505);
        CHECK(r.version_minor() == 1);
    }
}

TEST_CASE("body budget: leases grow while there is room and give it back")
{
    ByteBudget budget(1000);
    ByteBudget::Lease a(budget), b(budget);
    CHECK(a.resize(600));
    CHECK_FALSE(b.resize(500)); // 1100 > 1000: refused, nothing taken
    CHECK(b.bytes() == 0);
    CHECK(budget.held() == 600);
    CHECK(b.resize(400));
    CHECK(budget.held() == 1000);
    CHECK(a.resize(100)); // shrinking always works
    CHECK(budget.held() == 500);
    {
        ByteBudget::Lease moved = std::move(a);
        CHECK(a.bytes() == 0);
        CHECK(budget.held() == 500);
    } // the moved-to lease gives its bytes back
    CHECK(budget.held() == 400);
    b.reset();
    CHECK(budget.held() == 0);
    CHECK(budget.exhausted_message().find("httpd_body_budget") != std::string::npos);
    CHECK(body_too_large(2048) == "request body is larger than the limit of 2048 bytes (httpd_max_body)");
}

TEST_CASE("request reader: bodies beyond the budget of all requests are 503, before they are read")
{
    ByteBudget budget(1500);
    RequestReader first(HeadLimits{}, 1000, &budget), second(HeadLimits{}, 1000, &budget);
    std::string in = "POST /a HTTP/1.1\r\nContent-Length: 1000\r\n\r\npart";
    CHECK(first.advance(in).kind == Kind::NeedMore);
    CHECK(budget.held() == 1000); // a known length is held whole, from the head on

    SUBCASE("a known length that does not fit")
    {
        std::string other = "POST /b HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 600\r\n\r\n";
        const auto step = second.advance(other);
        CHECK(step.kind == Kind::Reject); // not Continue: the client is not asked for the body
        CHECK(step.status == 503);
        CHECK(step.message.find("httpd_body_budget") != std::string::npos);
        CHECK(budget.held() == 1000);
    }
    SUBCASE("a chunked body refused when its next piece does not fit")
    {
        std::string other = "POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n100\r\n" + std::string(256, 'x');
        CHECK(second.advance(other).kind == Kind::NeedMore); // 256 + framing bytes fit in the 500 left
        CHECK(budget.held() == 1256);
        other = "\r\n100\r\n" + std::string(256, 'y');
        const auto step = second.advance(other);
        CHECK(step.kind == Kind::Reject);
        CHECK(step.status == 503);
        CHECK(budget.held() == 1256);
        second.reset();
        CHECK(budget.held() == 1000);
    }
    SUBCASE("what a request held is given back when it is done")
    {
        in = std::string(996, 'z');
        REQUIRE(first.advance(in).kind == Kind::Ready);
        CHECK(budget.held() == 1000); // held while the request is answered
        first.reset();
        CHECK(budget.held() == 0);
        std::string other = "POST /b HTTP/1.1\r\nContent-Length: 600\r\n\r\n" + std::string(600, 'x');
        CHECK(second.advance(other).kind == Kind::Ready);
    }
}
