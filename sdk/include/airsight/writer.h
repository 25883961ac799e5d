// airsight SDK: Writer, the streaming interface every serialization implements.
//
// Handlers that produce large answers (thousands of devices) write straight
// into a Writer instead of building a Value first. The server picks the
// concrete writer from the request's extension (.json, .ekjson, .itjson,
// .prettyjson), so a handler never knows which format it writes.
#ifndef AIRSIGHT_WRITER_H
#define AIRSIGHT_WRITER_H

#include <airsight/field.h>
#include <airsight/value.h>

#include <cstdint>
#include <string_view>

namespace airsight {

class Writer {
public:
    virtual ~Writer() = default;

    virtual void begin_object() = 0;
    virtual void end_object() = 0;
    virtual void begin_array() = 0;
    virtual void end_array() = 0;

    /// The next member's name. `field` is the registered field the member
    /// holds (for .prettyjson's descriptions), or nullptr for data keys.
    virtual void key(std::string_view name, const Field* field) = 0;

    virtual void null() = 0;
    virtual void boolean(bool b) = 0;
    virtual void integer(std::int64_t v) = 0;
    virtual void uinteger(std::uint64_t v) = 0;
    virtual void number(double v) = 0;
    virtual void string(std::string_view s) = 0;

    /// Writes a whole Value tree.
    void value(const Value& v)
    {
        switch (v.kind()) {
        case Value::Kind::Null: null(); break;
        case Value::Kind::Bool: boolean(v.as_bool()); break;
        case Value::Kind::Int: integer(v.as_int()); break;
        case Value::Kind::UInt: uinteger(v.as_uint()); break;
        case Value::Kind::Double: number(v.as_double()); break;
        case Value::Kind::String: string(v.as_string()); break;
        case Value::Kind::Array:
            begin_array();
            for (std::size_t i = 0; i < v.size(); ++i) value(v.at(i));
            end_array();
            break;
        case Value::Kind::Object:
            begin_object();
            for (const auto& m : v.members()) {
                key(m.field->name, m.field);
                value(*m.value());
            }
            end_object();
            break;
        case Value::Kind::Map:
            begin_object();
            for (const auto& e : v.entries()) {
                key(e.key, nullptr);
                value(*e.value());
            }
            end_object();
            break;
        }
    }
};

} // namespace airsight

#endif
