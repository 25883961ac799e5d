// libFuzzer target: the bytes a websocket client sends after the handshake.
// The frame parser and the message assembler run on any input, as the
// websocket thread runs them on every read. Checks what the connection
// relies on: a complete frame never claims bytes it was not given, errors
// carry a close code the server may send, the same bytes fed whole or a
// byte at a time give the same frames, and a message never exceeds the limit.
#include "http/websocket_frames.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace airsight::core::websocket;

constexpr std::size_t kLimit = 1024;

void check(bool ok, const char* what)
{
    if (ok) return;
    std::fprintf(stderr, "fuzz-websocket: %s\n", what);
    std::abort();
}

bool sendable(std::uint16_t code)
{
    return code == close_code::kProtocolError || code == close_code::kUnsupportedData ||
           code == close_code::kInvalidData || code == close_code::kTooBig;
}

// Every event the bytes give, fed `step` bytes at a time (0: whole).
std::vector<std::string> run(std::string_view bytes, std::size_t step)
{
    std::vector<std::string> out;
    MessageAssembler assembler(kLimit);
    std::string buffer;
    std::size_t fed = 0;
    while (true) {
        const std::size_t take = step == 0 ? bytes.size() - fed : std::min(step, bytes.size() - fed);
        buffer.append(bytes.substr(fed, take));
        fed += take;
        while (true) {
            const FrameParse p = parse_client_frame(buffer, kLimit);
            if (p.outcome == FrameParse::Outcome::NeedMore) break;
            if (p.outcome == FrameParse::Outcome::Error) {
                check(sendable(p.failure.code), "a frame error with a code the server may not send");
                check(!p.failure.reason.empty(), "a frame error without a reason");
                out.push_back("error " + std::to_string(p.failure.code));
                return out;
            }
            check(p.consumed > 0 && p.consumed <= buffer.size(), "a frame claims bytes it was not given");
            check(p.frame.payload.size() <= kLimit, "a frame over the limit");
            buffer.erase(0, p.consumed);
            const auto e = assembler.add(p.frame);
            using Kind = MessageAssembler::Event::Kind;
            if (e.kind == Kind::Error) {
                check(sendable(e.failure.code), "a message error with a code the server may not send");
                out.push_back("error " + std::to_string(e.failure.code));
                return out;
            }
            if (e.kind == Kind::Text) {
                check(e.data.size() <= kLimit, "a message over the limit");
                check(valid_utf8(e.data), "a text message that is not UTF-8");
                // What the server would close with stays within a control frame.
                check(close_payload(close_code::kNormal, e.data).size() <= 125, "a close payload over 125 bytes");
            }
            if (e.kind != Kind::None) out.push_back(std::to_string(static_cast<int>(e.kind)) + ":" + e.data);
        }
        if (fed == bytes.size()) return out;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto whole = run(bytes, 0);
    check(whole == run(bytes, 1), "fed a byte at a time the frames differ");
    check(whole == run(bytes, 7), "fed 7 bytes at a time the frames differ");
    return 0;
}
