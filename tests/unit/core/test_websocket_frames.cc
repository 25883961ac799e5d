#include "http/websocket_frames.h"
#include "http/websocket_handshake.h"

#include <doctest/doctest.h>

#include <string>

using namespace airsight::core;
using namespace airsight::core::websocket;

namespace {

constexpr std::array<std::uint8_t, 4> kMask{0x37, 0xfa, 0x21, 0x3d};

FrameParse parse(const std::string& bytes, std::size_t max = 1 << 20) { return parse_client_frame(bytes, max); }

} // namespace

TEST_CASE("websocket: a masked client frame is unmasked (RFC 6455 5.7's example)")
{
    // "Hello", masked with 37 fa 21 3d, as the RFC writes it.
    const std::string rfc("\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58", 11);
    CHECK(encode_client_frame(Opcode::Text, "Hello", kMask) == rfc);
    const FrameParse p = parse(rfc);
    REQUIRE(p.outcome == FrameParse::Outcome::Complete);
    CHECK(p.consumed == rfc.size());
    CHECK(p.frame.fin);
    CHECK(p.frame.opcode == Opcode::Text);
    CHECK(p.frame.payload == "Hello");
    // Every prefix is incomplete, never an error.
    for (std::size_t n = 0; n < rfc.size(); ++n)
        CHECK(parse(rfc.substr(0, n)).outcome == FrameParse::Outcome::NeedMore);
}

TEST_CASE("websocket: lengths 125, 126, 65535 and 65536 take the right header")
{
    for (std::size_t length : {0u, 125u, 126u, 65535u, 65536u}) {
        CAPTURE(length);
        const std::string payload(length, 'x');
        const std::string server = encode_frame(Opcode::Text, payload);
        const std::size_t header = length <= 125 ? 2 : length <= 65535 ? 4 : 10;
        CHECK(server.size() == header + length);
        CHECK((static_cast<std::uint8_t>(server[1]) & 0x7F) == (length <= 125 ? length : length <= 65535 ? 126 : 127));
        const std::string client = encode_client_frame(Opcode::Text, payload, kMask);
        CHECK(client.size() == header + 4 + length);
        const FrameParse p = parse(client + "trailing");
        REQUIRE(p.outcome == FrameParse::Outcome::Complete);
        CHECK(p.consumed == client.size());
        CHECK(p.frame.payload == payload);
        CHECK(parse(client.substr(0, client.size() - 1)).outcome == FrameParse::Outcome::NeedMore);
    }
}

TEST_CASE("websocket: malformed client frames are refused with the RFC's close codes")
{
    SUBCASE("unmasked: 1002")
    {
        const FrameParse p = parse(encode_frame(Opcode::Text, "hi"));
        REQUIRE(p.outcome == FrameParse::Outcome::Error);
        CHECK(p.failure.code == close_code::kProtocolError);
        CHECK(p.failure.reason.find("masked") != std::string::npos);
    }
    SUBCASE("unknown opcodes 3-7 and 0xB-0xF: 1002")
    {
        for (unsigned op : {3u, 4u, 5u, 6u, 7u, 0xBu, 0xCu, 0xFu}) {
            std::string frame = encode_client_frame(Opcode::Text, "x", kMask);
            frame[0] = static_cast<char>(0x80 | op);
            const FrameParse p = parse(frame);
            REQUIRE(p.outcome == FrameParse::Outcome::Error);
            CHECK(p.failure.code == close_code::kProtocolError);
        }
    }
    SUBCASE("reserved bits: 1002")
    {
        std::string frame = encode_client_frame(Opcode::Text, "x", kMask);
        frame[0] = static_cast<char>(frame[0] | 0x40);
        CHECK(parse(frame).failure.code == close_code::kProtocolError);
    }
    SUBCASE("fragmented or long control frames: 1002")
    {
        CHECK(parse(encode_client_frame(Opcode::Ping, "x", kMask, false)).failure.code == close_code::kProtocolError);
        CHECK(parse(encode_client_frame(Opcode::Ping, std::string(126, 'p'), kMask)).failure.code ==
              close_code::kProtocolError);
    }
    SUBCASE("over the limit: 1009 from the header alone")
    {
        const std::string frame = encode_client_frame(Opcode::Text, std::string(1000, 'x'), kMask);
        const FrameParse p = parse(frame.substr(0, 8), 999); // the payload has not arrived
        REQUIRE(p.outcome == FrameParse::Outcome::Error);
        CHECK(p.failure.code == close_code::kTooBig);
        CHECK(parse(frame, 1000).outcome == FrameParse::Outcome::Complete);
    }
    SUBCASE("a 64-bit length with its top bit set: 1002")
    {
        std::string frame("\x81\xFF\x80\x00\x00\x00\x00\x00\x00\x01", 10);
        CHECK(parse(frame).failure.code == close_code::kProtocolError);
    }
}

TEST_CASE("websocket: fragmented messages, control frames between, and their errors")
{
    MessageAssembler a(10);
    using Kind = MessageAssembler::Event::Kind;
    CHECK(a.add({false, Opcode::Text, "Hel"}).kind == Kind::None);
    const auto ping = a.add({true, Opcode::Ping, "p"});
    CHECK(ping.kind == Kind::Ping);
    CHECK(ping.data == "p");
    CHECK(a.add({false, Opcode::Continuation, "lo "}).kind == Kind::None);
    const auto done = a.add({true, Opcode::Continuation, "you"});
    CHECK(done.kind == Kind::Text);
    CHECK(done.data == "Hello you");

    SUBCASE("a message over the limit across fragments: 1009")
    {
        CHECK(a.add({false, Opcode::Text, "123456"}).kind == Kind::None);
        const auto e = a.add({true, Opcode::Continuation, "78901"});
        CHECK(e.kind == Kind::Error);
        CHECK(e.failure.code == close_code::kTooBig);
    }
    SUBCASE("continuation without a message, or a new one inside: 1002")
    {
        CHECK(a.add({true, Opcode::Continuation, "x"}).failure.code == close_code::kProtocolError);
        CHECK(a.add({false, Opcode::Text, "x"}).kind == Kind::None);
        CHECK(a.add({true, Opcode::Text, "y"}).failure.code == close_code::kProtocolError);
    }
    SUBCASE("binary: 1003; bad UTF-8: 1007")
    {
        CHECK(a.add({true, Opcode::Binary, "x"}).failure.code == close_code::kUnsupportedData);
        CHECK(a.add({true, Opcode::Text, "\xC3\x28"}).failure.code == close_code::kInvalidData);
    }
    SUBCASE("close frames: code and reason, none, or one byte")
    {
        const auto c = a.add({true, Opcode::Close, close_payload(1000, "bye")});
        CHECK(c.kind == Kind::Close);
        CHECK(c.code == 1000);
        CHECK(c.data == "bye");
        CHECK(a.add({true, Opcode::Close, ""}).code == close_code::kNoStatus);
        CHECK(a.add({true, Opcode::Close, "x"}).failure.code == close_code::kProtocolError);
    }
}

TEST_CASE("websocket: close payloads, UTF-8 and the handshake's accept key")
{
    const std::string long_reason(200, 'r');
    CHECK(close_payload(1008, long_reason).size() == 125);
    // 61 two-byte characters: the cut falls between characters, never inside one.
    std::string accents;
    for (int i = 0; i < 70; ++i) accents += "\xC3\xA9";
    const std::string cut = close_payload(1000, accents);
    CHECK(cut.size() <= 125);
    CHECK(valid_utf8(cut.substr(2)));

    CHECK(valid_utf8("plain ascii"));
    CHECK(valid_utf8("\xE2\x82\xAC \xF0\x9F\x98\x80"));
    CHECK_FALSE(valid_utf8("\xC0\xAF"));         // overlong
    CHECK_FALSE(valid_utf8("\xED\xA0\x80"));     // a surrogate
    CHECK_FALSE(valid_utf8("\xE2\x82"));         // cut short
    CHECK_FALSE(valid_utf8("\xF4\x90\x80\x80")); // past U+10FFFF

    // RFC 6455 section 1.3's example.
    CHECK(websocket_accept_key("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    UpgradeHeaders h{"websocket", "keep-alive, Upgrade", "dGhlIHNhbXBsZSBub25jZQ==", "13"};
    CHECK(websocket_handshake_error("GET", h).empty());
    CHECK_FALSE(websocket_handshake_error("POST", h).empty());
    h.version = "8";
    CHECK(websocket_handshake_error("GET", h).find("13") != std::string::npos);
    h.version = "13";
    h.key = "short";
    CHECK_FALSE(websocket_handshake_error("GET", h).empty());
    CHECK_FALSE(asks_for_websocket(UpgradeHeaders{}));
}
