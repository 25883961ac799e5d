#include "http/body_stream.h"

#include "json/json_writers.h"

#include <string>

namespace airsight::core {
namespace {

// Forwards every call to the real writer, then hands its output to the sink
// once enough has accumulated. The JSON writers only ever append to their
// string, so emptying it between calls is safe.
class PieceWriter : public Writer {
public:
    PieceWriter(Writer& inner, std::string& out, const BodySink& sink, std::size_t piece_bytes)
        : inner_(inner), out_(out), sink_(sink), piece_bytes_(piece_bytes)
    {
    }
    void begin_object() override { inner_.begin_object(); }
    void end_object() override
    {
        inner_.end_object();
        maybe_flush();
    }
    void begin_array() override { inner_.begin_array(); }
    void end_array() override
    {
        inner_.end_array();
        maybe_flush();
    }
    void key(std::string_view name, const Field* field) override { inner_.key(name, field); }
    void null() override { inner_.null(); }
    void boolean(bool b) override { inner_.boolean(b); }
    void integer(std::int64_t v) override { inner_.integer(v); }
    void uinteger(std::uint64_t v) override { inner_.uinteger(v); }
    void number(double v) override { inner_.number(v); }
    void string(std::string_view s) override
    {
        inner_.string(s);
        maybe_flush(); // a single long string must not wait for its container
    }

private:
    void maybe_flush()
    {
        if (out_.size() < piece_bytes_) return;
        sink_(out_);
        out_.clear();
    }

    Writer& inner_;
    std::string& out_;
    const BodySink& sink_;
    std::size_t piece_bytes_;
};

} // namespace

void write_in_pieces(Format format, const std::function<void(Writer&)>& write, const BodySink& sink,
                     std::size_t piece_bytes)
{
    std::string out;
    out.reserve(piece_bytes + 1024);
    auto inner = make_writer(format, out);
    PieceWriter pieces(*inner, out, sink, piece_bytes);
    write(pieces);
    if (!out.empty()) sink(out);
}

} // namespace airsight::core
