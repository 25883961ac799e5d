#include "json/json_writers.h"

#include "json/json_parser.h"

#include <airsight/hex.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace airsight::core {

// --- scalars ---------------------------------------------------------------

void append_json_string(std::string& out, std::string_view s)
{
    out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t run = i;
        while (i < s.size()) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
            ++i;
        }
        out.append(s.substr(run, i - run));
        if (i >= s.size()) break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            const std::size_t len = utf8_sequence_length(s, i);
            if (len == 0) {
                out += "\\ufffd"; // keep the output valid UTF-8, one mark per bad byte
                ++i;
            } else {
                out.append(s.substr(i, len));
                i += len;
            }
            continue;
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out += hex_digit(c >> 4);
            out += hex_digit(c);
        }
        ++i;
    }
    out += '"';
}

void append_json_number(std::string& out, double v)
{
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    // Negative zero (e.g. "-1e-999" after underflow) is written "0": "-0"
    // would read back as the integer 0 and write differently the second time.
    if (v == 0) v = 0.0;
    // Shortest round-trip form; integral values come out without a fraction.
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}

namespace {
template <typename Int> void append_int(std::string& out, Int v)
{
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}
} // namespace

// --- the shared state machine -----------------------------------------------

void JsonWriterBase::misuse(const char* what) const
{
    throw std::logic_error(std::string("JSON writer misuse: ") + what);
}

void JsonWriterBase::begin_value()
{
    if (stack_.empty()) {
        if (done_) misuse("a second top-level value");
        return;
    }
    Frame& f = stack_.back();
    if (f.object) {
        if (!f.has_key) misuse("a value inside an object needs a key first");
        f.has_key = false;
        return;
    }
    on_item(stack_.size(), f.count == 0);
    ++f.count;
}

void JsonWriterBase::end_value()
{
    if (stack_.empty()) done_ = true;
    on_value_done(stack_.size());
}

void JsonWriterBase::key(std::string_view name, const Field*)
{
    if (stack_.empty() || !stack_.back().object) misuse("key() outside an object");
    Frame& f = stack_.back();
    if (f.has_key) misuse("key() twice without a value");
    on_item(stack_.size(), f.count == 0);
    ++f.count;
    append_json_string(out_, name);
    on_colon();
    f.has_key = true;
}

void JsonWriterBase::begin_object()
{
    begin_value();
    on_open('{', stack_.size());
    stack_.push_back(Frame{true});
}

void JsonWriterBase::begin_array()
{
    begin_value();
    on_open('[', stack_.size());
    stack_.push_back(Frame{false});
}

void JsonWriterBase::end_object()
{
    if (stack_.empty() || !stack_.back().object) misuse("end_object() without an open object");
    if (stack_.back().has_key) misuse("end_object() right after a key");
    const bool empty = stack_.back().count == 0;
    stack_.pop_back();
    on_close('}', stack_.size(), empty);
    end_value();
}

void JsonWriterBase::end_array()
{
    if (stack_.empty() || stack_.back().object) misuse("end_array() without an open array");
    const bool empty = stack_.back().count == 0;
    stack_.pop_back();
    on_close(']', stack_.size(), empty);
    end_value();
}

void JsonWriterBase::null()
{
    begin_value();
    out_ += "null";
    end_value();
}

void JsonWriterBase::boolean(bool b)
{
    begin_value();
    out_ += b ? "true" : "false";
    end_value();
}

void JsonWriterBase::integer(std::int64_t v)
{
    begin_value();
    append_int(out_, v);
    end_value();
}

void JsonWriterBase::uinteger(std::uint64_t v)
{
    begin_value();
    append_int(out_, v);
    end_value();
}

void JsonWriterBase::number(double v)
{
    begin_value();
    append_json_number(out_, v);
    end_value();
}

void JsonWriterBase::string(std::string_view s)
{
    begin_value();
    append_json_string(out_, s);
    end_value();
}

// Compact layout: the defaults.
void JsonWriterBase::on_open(char bracket, std::size_t) { out_ += bracket; }
void JsonWriterBase::on_close(char bracket, std::size_t, bool) { out_ += bracket; }
void JsonWriterBase::on_item(std::size_t, bool first)
{
    if (!first) out_ += ',';
}
void JsonWriterBase::on_colon() { out_ += ':'; }
void JsonWriterBase::on_value_done(std::size_t) {}

// --- .ekjson / .itjson --------------------------------------------------------

void EkJsonWriter::on_open(char bracket, std::size_t depth)
{
    if (depth == 0 && bracket == '[') {
        root_list_ = true; // the top-level list itself is not written
        return;
    }
    out_ += bracket;
}

void EkJsonWriter::on_close(char bracket, std::size_t depth, bool empty)
{
    if (depth == 0 && root_list_) return;
    JsonWriterBase::on_close(bracket, depth, empty);
}

void EkJsonWriter::on_item(std::size_t depth, bool first)
{
    if (depth == 1 && root_list_) return; // list elements are separated by newlines
    JsonWriterBase::on_item(depth, first);
}

void EkJsonWriter::on_value_done(std::size_t depth)
{
    if (depth == (root_list_ ? 1u : 0u)) out_ += '\n';
}

// --- .prettyjson -------------------------------------------------------------

void PrettyJsonWriter::key(std::string_view name, const Field* field)
{
    if (field) {
        JsonWriterBase::key("description." + std::string(name), nullptr);
        string(std::string(field_type_name(field->type)) + ", " + field->description);
    }
    JsonWriterBase::key(name, field);
}

void PrettyJsonWriter::on_close(char bracket, std::size_t depth, bool empty)
{
    if (!empty) {
        out_ += '\n';
        out_.append(4 * depth, ' ');
    }
    out_ += bracket;
}

void PrettyJsonWriter::on_item(std::size_t depth, bool first)
{
    if (!first) out_ += ',';
    out_ += '\n';
    out_.append(4 * depth, ' ');
}

void PrettyJsonWriter::on_colon() { out_ += ": "; }

void PrettyJsonWriter::on_value_done(std::size_t depth)
{
    if (depth == 0) out_ += '\n';
}

// --- choosing ------------------------------------------------------------------

std::unique_ptr<Writer> make_writer(Format format, std::string& out)
{
    switch (format) {
    case JSON:
    case CMD: return std::make_unique<JsonWriter>(out);
    case EKJSON:
    case ITJSON: return std::make_unique<EkJsonWriter>(out);
    case PRETTYJSON: return std::make_unique<PrettyJsonWriter>(out);
    default:
        throw std::invalid_argument("no JSON writer for format bits " +
                                    std::to_string(static_cast<unsigned>(format)));
    }
}

std::string to_json(const Value& v)
{
    std::string out;
    JsonWriter w(out);
    w.value(v);
    return out;
}

} // namespace airsight::core
