// Serializing a reply body in pieces, so a large answer (a list of 100,000
// devices) reaches the socket as it is written instead of as one string.
#ifndef AIRSIGHT_CORE_HTTP_BODY_STREAM_H
#define AIRSIGHT_CORE_HTTP_BODY_STREAM_H

#include <airsight/http.h>
#include <airsight/writer.h>

#include <cstddef>
#include <functional>
#include <string_view>

namespace airsight::core {

/// Receives a body's bytes, in order, in pieces. May throw to abort the body
/// (the client went away, the server is stopping).
using BodySink = std::function<void(std::string_view)>;

/// Runs `write` against the writer for `format` (see make_writer) and hands
/// the text to `sink` whenever about `piece_bytes` have accumulated, then the
/// rest. Exceptions from `write` or `sink` propagate.
void write_in_pieces(Format format, const std::function<void(Writer&)>& write, const BodySink& sink,
                     std::size_t piece_bytes = 16 * 1024);

} // namespace airsight::core

#endif
