#include "http/websocket_frames.h"

#include <algorithm>

namespace airsight::core::websocket {
namespace {

bool known_opcode(unsigned op)
{
    return op == 0x0 || op == 0x1 || op == 0x2 || op == 0x8 || op == 0x9 || op == 0xA;
}

bool is_control(Opcode op) { return static_cast<unsigned>(op) >= 0x8; }

FrameParse fail(std::uint16_t code, std::string reason)
{
    FrameParse p;
    p.outcome = FrameParse::Outcome::Error;
    p.failure = {code, std::move(reason)};
    return p;
}

MessageAssembler::Event failure(std::uint16_t code, std::string reason)
{
    MessageAssembler::Event e;
    e.kind = MessageAssembler::Event::Kind::Error;
    e.failure = {code, std::move(reason)};
    return e;
}

void append_header(std::string& out, Opcode opcode, std::size_t length, bool fin, bool masked)
{
    out.push_back(static_cast<char>((fin ? 0x80 : 0x00) | static_cast<unsigned>(opcode)));
    const unsigned mask_bit = masked ? 0x80 : 0x00;
    if (length <= 125) {
        out.push_back(static_cast<char>(mask_bit | length));
    } else if (length <= 0xFFFF) {
        out.push_back(static_cast<char>(mask_bit | 126));
        out.push_back(static_cast<char>(length >> 8));
        out.push_back(static_cast<char>(length & 0xFF));
    } else {
        out.push_back(static_cast<char>(mask_bit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.push_back(static_cast<char>((static_cast<std::uint64_t>(length) >> shift) & 0xFF));
    }
}

} // namespace

FrameParse parse_client_frame(std::string_view in, std::size_t max_payload)
{
    FrameParse p;
    if (in.size() < 2) return p;
    const auto b0 = static_cast<std::uint8_t>(in[0]);
    const auto b1 = static_cast<std::uint8_t>(in[1]);
    if (b0 & 0x70) return fail(close_code::kProtocolError, "reserved frame bits set (no extension was agreed)");
    if (!known_opcode(b0 & 0x0F))
        return fail(close_code::kProtocolError, "unknown frame opcode " + std::to_string(b0 & 0x0F));
    const bool fin = b0 & 0x80;
    const auto opcode = static_cast<Opcode>(b0 & 0x0F);
    if (!(b1 & 0x80)) return fail(close_code::kProtocolError, "client frames must be masked");
    std::uint64_t length = b1 & 0x7F;
    std::size_t at = 2;
    if (length == 126) {
        if (in.size() < 4) return p;
        length = (static_cast<std::uint64_t>(static_cast<std::uint8_t>(in[2])) << 8) | static_cast<std::uint8_t>(in[3]);
        at = 4;
    } else if (length == 127) {
        if (in.size() < 10) return p;
        length = 0;
        for (std::size_t i = 2; i < 10; ++i) length = (length << 8) | static_cast<std::uint8_t>(in[i]);
        if (length >> 63) return fail(close_code::kProtocolError, "frame length has its top bit set");
        at = 10;
    }
    if (is_control(opcode)) {
        if (!fin) return fail(close_code::kProtocolError, "control frames must not be fragmented");
        if (length > 125) return fail(close_code::kProtocolError, "control frame payload over 125 bytes");
    }
    if (length > max_payload)
        return fail(close_code::kTooBig, "frame of " + std::to_string(length) + " bytes is over the limit of " +
                                             std::to_string(max_payload));
    if (in.size() - at < 4 + length) return p;
    const auto* mask = reinterpret_cast<const std::uint8_t*>(in.data() + at);
    at += 4;
    p.frame.fin = fin;
    p.frame.opcode = opcode;
    p.frame.payload.assign(in.substr(at, static_cast<std::size_t>(length)));
    for (std::size_t i = 0; i < p.frame.payload.size(); ++i) p.frame.payload[i] ^= static_cast<char>(mask[i % 4]);
    p.consumed = at + static_cast<std::size_t>(length);
    p.outcome = FrameParse::Outcome::Complete;
    return p;
}

MessageAssembler::Event MessageAssembler::add(Frame frame)
{
    Event e;
    switch (frame.opcode) {
    case Opcode::Ping:
        e.kind = Event::Kind::Ping;
        e.data = std::move(frame.payload);
        return e;
    case Opcode::Pong:
        e.kind = Event::Kind::Pong;
        e.data = std::move(frame.payload);
        return e;
    case Opcode::Close:
        if (frame.payload.size() == 1) return failure(close_code::kProtocolError, "close frame of one byte");
        e.kind = Event::Kind::Close;
        e.code = close_code::kNoStatus;
        if (frame.payload.size() >= 2) {
            e.code = static_cast<std::uint16_t>((static_cast<std::uint8_t>(frame.payload[0]) << 8) |
                                                static_cast<std::uint8_t>(frame.payload[1]));
            e.data = frame.payload.substr(2);
            if (!valid_utf8(e.data)) return failure(close_code::kInvalidData, "close reason is not UTF-8");
        }
        return e;
    case Opcode::Binary:
        return failure(close_code::kUnsupportedData, "this server reads text messages only");
    case Opcode::Text:
        if (in_message_) return failure(close_code::kProtocolError, "a new message began inside a fragmented one");
        message_.clear();
        in_message_ = true;
        break;
    case Opcode::Continuation:
        if (!in_message_) return failure(close_code::kProtocolError, "a continuation frame without a message");
        break;
    }
    if (message_.size() + frame.payload.size() > max_message_)
        return failure(close_code::kTooBig, "message over the limit of " + std::to_string(max_message_) + " bytes");
    message_.append(frame.payload);
    if (!frame.fin) return e;
    in_message_ = false;
    if (!valid_utf8(message_)) return failure(close_code::kInvalidData, "text message is not UTF-8");
    e.kind = Event::Kind::Text;
    e.data = std::move(message_);
    message_.clear();
    return e;
}

std::string encode_frame(Opcode opcode, std::string_view payload, bool fin)
{
    std::string out;
    out.reserve(payload.size() + 10);
    append_header(out, opcode, payload.size(), fin, false);
    out.append(payload);
    return out;
}

std::string encode_client_frame(Opcode opcode, std::string_view payload, std::array<std::uint8_t, 4> mask, bool fin)
{
    std::string out;
    out.reserve(payload.size() + 14);
    append_header(out, opcode, payload.size(), fin, true);
    for (std::uint8_t m : mask) out.push_back(static_cast<char>(m));
    for (std::size_t i = 0; i < payload.size(); ++i) out.push_back(static_cast<char>(payload[i] ^ mask[i % 4]));
    return out;
}

std::string close_payload(std::uint16_t code, std::string_view reason)
{
    std::string out;
    out.push_back(static_cast<char>(code >> 8));
    out.push_back(static_cast<char>(code & 0xFF));
    std::size_t keep = std::min<std::size_t>(reason.size(), 123);
    // Never cut a UTF-8 character in two: back up over continuation bytes.
    while (keep < reason.size() && keep > 0 && (static_cast<std::uint8_t>(reason[keep]) & 0xC0) == 0x80) --keep;
    out.append(reason.substr(0, keep));
    return out;
}

bool valid_utf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<std::uint8_t>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t extra;
        std::uint32_t cp;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= text.size()) return false; // cut short
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto cc = static_cast<std::uint8_t>(text[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        static constexpr std::uint32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
        if (cp < kMinimum[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += extra + 1;
    }
    return true;
}

} // namespace airsight::core::websocket
