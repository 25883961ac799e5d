#include "http/response_writer.h"

#include <Poco/Net/HTTPResponse.h>

#include <cstdio>

namespace airsight::core {
namespace {

bool has_body(int status) { return status >= 200 && status != 204 && status != 304; }

bool header_is_safe(const std::pair<std::string, std::string>& h)
{
    // A CR or LF would let a handler's header value start a new header.
    for (const std::string* s : {&h.first, &h.second})
        if (s->find_first_of("\r\n") != std::string::npos) return false;
    return !h.first.empty();
}

enum class Length { Known, Chunked, UntilClose };

std::string head_of(const RawResponse& r, const ReplyFraming& f, bool keep_alive, Length length,
                    std::size_t content_length, MessageBus& log)
{
    std::string out = status_line(f.version_minor, r.status);
    out += "\r\nServer: airsight\r\nCache-Control: no-cache\r\n";
    if (!r.content_type.empty() && header_is_safe({"Content-Type", r.content_type}))
        out += "Content-Type: " + r.content_type + "\r\n";
    for (const auto& h : r.headers) {
        if (!header_is_safe(h)) {
            log.post("HTTP reply header '" + h.first + "' dropped: it contains a line break", MSG_ERROR);
            continue;
        }
        out += h.first + ": " + h.second + "\r\n";
    }
    if (has_body(r.status)) {
        if (length == Length::Known) out += "Content-Length: " + std::to_string(content_length) + "\r\n";
        else if (length == Length::Chunked) out += "Transfer-Encoding: chunked\r\n";
    }
    if (!keep_alive) out += "Connection: close\r\n";
    else if (f.version_minor == 0) out += "Connection: keep-alive\r\n";
    out += "\r\n";
    return out;
}

void send_chunk(ByteOutput& out, std::string_view data)
{
    if (data.empty()) return; // an empty chunk would end the body
    char size[24];
    const int n = std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    std::string chunk;
    chunk.reserve(static_cast<std::size_t>(n) + data.size() + 2);
    chunk.append(size, static_cast<std::size_t>(n));
    chunk.append(data);
    chunk.append("\r\n");
    out.send(chunk);
}

bool write_whole(const RawResponse& r, const ReplyFraming& f, ByteOutput& out, MessageBus& log)
{
    std::string bytes = head_of(r, f, f.keep_alive, Length::Known, r.body.size(), log);
    if (!f.head_only && has_body(r.status)) bytes += r.body;
    out.send(bytes);
    return f.keep_alive;
}

} // namespace

std::string status_line(int version_minor, int status)
{
    std::string reason = Poco::Net::HTTPResponse::getReasonForStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    if (reason == Poco::Net::HTTPResponse::HTTP_REASON_UNKNOWN) reason = "Unknown";
    return "HTTP/1." + std::to_string(version_minor) + " " + std::to_string(status) + " " + reason;
}

std::string live_response_head(const RawResponse& response, int version_minor, MessageBus& log)
{
    ReplyFraming framing;
    framing.version_minor = version_minor;
    return head_of(response, framing, false, Length::UntilClose, 0, log);
}

bool write_response(RawResponse& response, const ReplyFraming& framing, ByteOutput& out, MessageBus& log,
                    std::string_view request)
{
    if (!response.stream) return write_whole(response, framing, out, log);

    // Buffer the start of the body: a small body gets a Content-Length, and
    // a failure before the first body byte leaves the status free to be 500.
    std::string pending;
    std::size_t counted = 0; // HEAD: the body is counted, not kept
    bool committed = false;
    const bool chunked = framing.version_minor >= 1;
    const BodySink sink = [&](std::string_view piece) {
        if (framing.head_only) {
            counted += piece.size();
        } else if (committed) {
            if (chunked) send_chunk(out, piece);
            else out.send(piece);
        } else {
            pending.append(piece);
            if (pending.size() < framing.buffer_bytes) return;
            committed = true;
            out.send(head_of(response, framing, chunked ? framing.keep_alive : false,
                             chunked ? Length::Chunked : Length::UntilClose, 0, log));
            if (chunked) send_chunk(out, pending);
            else out.send(pending);
            pending.clear();
            pending.shrink_to_fit();
        }
    };
    try {
        response.stream(sink);
    } catch (const SendFailed&) {
        throw;
    } catch (const std::exception& e) {
        if (committed) {
            log.post("HTTP reply to " + std::string(request) + " cut short after its status was sent: " + e.what(),
                     MSG_ERROR);
            return false; // no final chunk: the client sees an incomplete body, never a success
        }
        RawResponse failed = Dispatcher::internal_error(log, request, e.what());
        return write_whole(failed, framing, out, log);
    }
    if (!committed) {
        response.body = std::move(pending);
        if (framing.head_only) {
            std::string head = head_of(response, framing, framing.keep_alive, Length::Known, counted, log);
            out.send(head);
            return framing.keep_alive;
        }
        return write_whole(response, framing, out, log);
    }
    if (!chunked) return false; // HTTP/1.0: closing the connection ends the body
    out.send("0\r\n\r\n");
    return framing.keep_alive;
}

} // namespace airsight::core
