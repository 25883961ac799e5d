// The JSON serializations behind .json, .ekjson/.itjson and .prettyjson.
//
// Each writer implements airsight::Writer and appends to a caller-owned
// std::string. They share one state machine (JsonWriterBase) that checks the
// call order, so a handler that misuses the Writer gets a std::logic_error
// instead of silently sending broken JSON.
#ifndef AIRSIGHT_CORE_JSON_JSON_WRITERS_H
#define AIRSIGHT_CORE_JSON_JSON_WRITERS_H

#include <airsight/http.h>
#include <airsight/value.h>
#include <airsight/writer.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace airsight::core {

/// Appends `s` as a quoted JSON string: escapes '"', '\\' and control
/// characters; each byte that is not valid UTF-8 becomes \ufffd.
void append_json_string(std::string& out, std::string_view s);

/// Appends a double: integral values without fraction ("20"), others the
/// shortest round-trip form ("20.5", "1e+300"); NaN and infinities as null.
void append_json_number(std::string& out, double v);

// The call-order state machine and scalar printing shared by the JSON
// writers. Subclasses only decide the layout through the on_* hooks.
// Misuse (a value without a key in an object, a key in an array, unbalanced
// end_*, a second top-level value) throws std::logic_error and writes nothing.
class JsonWriterBase : public Writer {
public:
    void begin_object() override;
    void end_object() override;
    void begin_array() override;
    void end_array() override;
    void key(std::string_view name, const Field* field) override;
    void null() override;
    void boolean(bool b) override;
    void integer(std::int64_t v) override;
    void uinteger(std::uint64_t v) override;
    void number(double v) override;
    void string(std::string_view s) override;

    /// True once one whole top-level value has been written.
    bool complete() const { return done_; }

protected:
    explicit JsonWriterBase(std::string& out) : out_(out) {}

    // Layout hooks. `depth` is the number of containers open around the spot.
    /// Opens a container that sits at `depth`.
    virtual void on_open(char bracket, std::size_t depth);
    /// Closes a container that sits at `depth`; `empty` when it had no items.
    virtual void on_close(char bracket, std::size_t depth, bool empty);
    /// Before an array element or object member inside a container at depth-1.
    virtual void on_item(std::size_t depth, bool first);
    /// Between a member's name and its value.
    virtual void on_colon();
    /// After a complete value at `depth` (0: the top-level value is done).
    virtual void on_value_done(std::size_t depth);

    std::string& out_;

private:
    struct Frame {
        bool object;
        bool has_key = false;   // object: a key was written, its value is due
        std::size_t count = 0;  // items written so far
    };
    void begin_value();
    void end_value();
    [[noreturn]] void misuse(const char* what) const;

    std::vector<Frame> stack_;
    bool done_ = false;
};

/// .json (and .cmd answers): compact, one line, no trailing newline.
class JsonWriter : public JsonWriterBase {
public:
    explicit JsonWriter(std::string& out) : JsonWriterBase(out) {}
};

/// .ekjson / .itjson: a top-level array is written without brackets, one
/// compact element per line, each ending in '\n' (an empty list writes
/// nothing). Any other top-level value is one compact line plus '\n'.
class EkJsonWriter : public JsonWriterBase {
public:
    explicit EkJsonWriter(std::string& out) : JsonWriterBase(out) {}

protected:
    void on_open(char bracket, std::size_t depth) override;
    void on_close(char bracket, std::size_t depth, bool empty) override;
    void on_item(std::size_t depth, bool first) override;
    void on_value_done(std::size_t depth) override;

private:
    bool root_list_ = false;
};

/// .prettyjson: 4-space indentation, one item per line, and before every
/// member that holds a registered field a "description.<name>" member with
/// "<C type>, <description>". Ends with '\n'.
class PrettyJsonWriter : public JsonWriterBase {
public:
    explicit PrettyJsonWriter(std::string& out) : JsonWriterBase(out) {}
    void key(std::string_view name, const Field* field) override;

protected:
    void on_close(char bracket, std::size_t depth, bool empty) override;
    void on_item(std::size_t depth, bool first) override;
    void on_colon() override;
    void on_value_done(std::size_t depth) override;
};

/// The writer for one Format bit: JSON and CMD -> JsonWriter, EKJSON and
/// ITJSON -> EkJsonWriter, PRETTYJSON -> PrettyJsonWriter. Anything else
/// (HTML, several bits) throws std::invalid_argument.
std::unique_ptr<Writer> make_writer(Format format, std::string& out);

/// A Value as compact JSON (JsonWriter), for logs, tests and small answers.
std::string to_json(const Value& v);

} // namespace airsight::core

#endif
