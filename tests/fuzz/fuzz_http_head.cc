// libFuzzer target: what an HTTP client sends before the server knows it is a
// request. The head parser, the body framing it implies and the chunked-body
// decoder run on any bytes, as the event loop runs them on every read.
// Checks what the front end relies on: a complete head never claims more
// bytes than it was given, errors carry a status the server can send, and a
// chunked body fed one byte at a time decodes exactly as when fed whole.
#include "http/chunked_body.h"
#include "http/request_head.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using namespace airsight::core;

void check(bool ok, const char* what)
{
    if (ok) return;
    std::fprintf(stderr, "fuzz-http-head: %s\n", what);
    std::abort();
}

// Decodes `in` as a chunked body, either whole or a byte per call.
ChunkedDecoder::Status decode(std::string_view in, bool byte_by_byte, std::string& body, std::size_t& used)
{
    ChunkedDecoder decoder(4096);
    used = 0;
    ChunkedDecoder::Status status = ChunkedDecoder::Status::NeedMore;
    while (used < in.size()) {
        const std::string_view piece = in.substr(used, byte_by_byte ? 1 : std::string_view::npos);
        std::size_t consumed = 0;
        status = decoder.feed(piece, consumed, body);
        check(consumed <= piece.size(), "the chunked decoder consumed more than it was fed");
        used += consumed;
        if (status != ChunkedDecoder::Status::NeedMore) break;
        if (consumed < piece.size()) break; // it wants no more of this piece
    }
    if (status == ChunkedDecoder::Status::Error)
        check(decoder.error_status() == 400 || decoder.error_status() == 413, "a chunked error without 400/413");
    return status;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const HeadLimits limits{1024, 20};
    const HeadParse parse = parse_request_head(bytes, limits);
    switch (parse.outcome) {
    case HeadParse::Outcome::Incomplete:
        check(size <= limits.max_head_bytes + 2, "incomplete past the head limit"); // leading blank line slack
        return 0;
    case HeadParse::Outcome::Error:
        check(parse.error_status == 400 || parse.error_status == 431 || parse.error_status == 505,
              "a head error without 400/431/505");
        check(!parse.error.empty(), "a head error without a message");
        return 0;
    case HeadParse::Outcome::Complete: break;
    }
    check(parse.consumed > 0 && parse.consumed <= size, "a complete head claims bytes it was not given");
    check(parse.head.version_minor == 0 || parse.head.version_minor == 1, "an HTTP version other than 1.0/1.1");
    check(parse.head.fields.size() <= limits.max_fields, "more fields than the limit");
    (void)wants_keep_alive(parse.head);

    const BodyFraming framing = body_framing_of(parse.head);
    if (framing.error_status != 0) {
        check(framing.error_status == 400 || framing.error_status == 411 || framing.error_status == 501,
              "a framing error without 400/411/501");
        return 0;
    }
    if (framing.kind != BodyFraming::Kind::Chunked) return 0;

    const std::string_view rest = bytes.substr(parse.consumed);
    std::string whole, dribbled;
    std::size_t used_whole = 0, used_dribbled = 0;
    const auto a = decode(rest, false, whole, used_whole);
    const auto b = decode(rest, true, dribbled, used_dribbled);
    check(a == b, "a chunked body decodes differently fed whole and byte by byte");
    if (a == ChunkedDecoder::Status::Done) {
        check(whole == dribbled, "a chunked body's bytes differ fed whole and byte by byte");
        check(used_whole == used_dribbled, "a chunked body ends at different bytes fed whole and byte by byte");
    }
    return 0;
}
