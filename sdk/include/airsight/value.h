// airsight SDK: Value, the tree every record and every REST answer is made of.
//
// A Value is null, a boolean, a number, a string, or a container:
//   - Object: members keyed by registered Fields (a tracked record);
//   - Map:    entries keyed by data strings (MACs, tag names, JSON keys);
//   - Array:  an ordered list.
// Objects check each member against its Field's declared type, so a record
// can always be described by /system/tracked_fields.html.
//
// Ownership: a Value owns its children; copying a Value copies the tree.
#ifndef AIRSIGHT_VALUE_H
#define AIRSIGHT_VALUE_H

#include <airsight/field.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace airsight {

/// Thrown on a wrong-kind access or a member that does not fit its field type.
class ValueError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

class Value {
public:
    enum class Kind : std::uint8_t { Null, Bool, Int, UInt, Double, String, Array, Object, Map };

    struct Member {
        const Field* field;
        Value* value() { return &*slot; }
        const Value* value() const { return &*slot; }
        std::unique_ptr<Value> slot;
    };
    struct Entry {
        std::string key;
        std::unique_ptr<Value> slot;
        Value* value() { return &*slot; }
        const Value* value() const { return &*slot; }
    };

    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : data_(b) {}
    Value(int v) : data_(std::int64_t{v}) {}
    Value(long v) : data_(std::int64_t{v}) {}
    Value(long long v) : data_(std::int64_t{v}) {}
    Value(unsigned v) : data_(std::uint64_t{v}) {}
    Value(unsigned long v) : data_(std::uint64_t{v}) {}
    Value(unsigned long long v) : data_(std::uint64_t{v}) {}
    Value(double v) : data_(v) {}
    Value(std::string s) : data_(std::move(s)) {}
    Value(std::string_view s) : data_(std::string(s)) {}
    Value(const char* s) : data_(std::string(s)) {}

    static Value array() { Value v; v.data_ = Items{}; return v; }
    static Value object() { Value v; v.data_ = Members{}; return v; }
    static Value map() { Value v; v.data_ = Entries{}; return v; }

    Value(const Value& other) { copy_from(other); }
    Value& operator=(const Value& other)
    {
        if (this != &other) {
            Value tmp(other);
            *this = std::move(tmp);
        }
        return *this;
    }
    Value(Value&&) noexcept = default;
    Value& operator=(Value&&) noexcept = default;

    Kind kind() const { return static_cast<Kind>(data_.index()); }
    bool is_null() const { return kind() == Kind::Null; }
    bool is_number() const { return kind() == Kind::Int || kind() == Kind::UInt || kind() == Kind::Double; }

    // --- scalars -----------------------------------------------------------
    bool as_bool() const { return get<bool>("a boolean"); }
    const std::string& as_string() const { return get<std::string>("a string"); }
    /// Any number as a signed integer (doubles are truncated).
    std::int64_t as_int() const
    {
        switch (kind()) {
        case Kind::Int: return std::get<std::int64_t>(data_);
        case Kind::UInt: return static_cast<std::int64_t>(std::get<std::uint64_t>(data_));
        case Kind::Double: return static_cast<std::int64_t>(std::get<double>(data_));
        case Kind::Bool: return std::get<bool>(data_) ? 1 : 0;
        default: throw ValueError("value is not a number");
        }
    }
    std::uint64_t as_uint() const { return static_cast<std::uint64_t>(as_int_or_uint()); }
    double as_double() const
    {
        switch (kind()) {
        case Kind::Int: return static_cast<double>(std::get<std::int64_t>(data_));
        case Kind::UInt: return static_cast<double>(std::get<std::uint64_t>(data_));
        case Kind::Double: return std::get<double>(data_);
        default: throw ValueError("value is not a number");
        }
    }

    // --- objects: members keyed by fields ---------------------------------
    /// Sets (or replaces) a member; throws ValueError when the value's kind
    /// does not fit the field's declared type. Returns the stored member.
    Value& set(const Field& field, Value v)
    {
        check_fits(field, v);
        Members& ms = get_mut<Members>("an object");
        for (Member& m : ms)
            if (m.field == &field) {
                *m.slot = std::move(v);
                return *m.slot;
            }
        ms.push_back(Member{&field, std::make_unique<Value>(std::move(v))});
        return *ms.back().slot;
    }
    const Value* find(const Field& field) const
    {
        for (const Member& m : get<Members>("an object"))
            if (m.field == &field) return m.value();
        return nullptr;
    }
    Value* find(const Field& field) { return const_cast<Value*>(std::as_const(*this).find(field)); }
    bool erase(const Field& field)
    {
        Members& ms = get_mut<Members>("an object");
        for (auto it = ms.begin(); it != ms.end(); ++it)
            if (it->field == &field) {
                ms.erase(it);
                return true;
            }
        return false;
    }
    const std::vector<Member>& members() const { return get<Members>("an object"); }

    // --- maps: entries keyed by data --------------------------------------
    Value& put(std::string key, Value v)
    {
        Entries& es = get_mut<Entries>("a map");
        for (Entry& e : es)
            if (e.key == key) {
                *e.slot = std::move(v);
                return *e.slot;
            }
        es.push_back(Entry{std::move(key), std::make_unique<Value>(std::move(v))});
        return *es.back().slot;
    }
    /// Adds an entry without looking for an existing one, for builders that
    /// already know their keys are unique (put() is linear in the map's size).
    Value& append(std::string key, Value v)
    {
        Entries& es = get_mut<Entries>("a map");
        es.push_back(Entry{std::move(key), std::make_unique<Value>(std::move(v))});
        return *es.back().slot;
    }
    const Value* find(std::string_view key) const
    {
        for (const Entry& e : get<Entries>("a map"))
            if (e.key == key) return e.value();
        return nullptr;
    }
    Value* find(std::string_view key) { return const_cast<Value*>(std::as_const(*this).find(key)); }
    const Value* find(const char* key) const { return find(std::string_view(key)); }
    Value* find(const char* key) { return find(std::string_view(key)); }
    const std::vector<Entry>& entries() const { return get<Entries>("a map"); }

    // --- arrays -------------------------------------------------------------
    Value& push(Value v)
    {
        Items& items = get_mut<Items>("an array");
        items.push_back(std::make_unique<Value>(std::move(v)));
        return *items.back();
    }
    std::size_t size() const
    {
        switch (kind()) {
        case Kind::Array: return std::get<Items>(data_).size();
        case Kind::Object: return std::get<Members>(data_).size();
        case Kind::Map: return std::get<Entries>(data_).size();
        default: throw ValueError("value is not a container");
        }
    }
    const Value& at(std::size_t i) const
    {
        const Items& items = get<Items>("an array");
        if (i >= items.size()) throw ValueError("array index out of range");
        return *items[i];
    }
    Value& at(std::size_t i) { return const_cast<Value&>(std::as_const(*this).at(i)); }
    void reserve(std::size_t n) { get_mut<Items>("an array").reserve(n); }

    /// The kind's name, for error messages: "an object", "a string", ...
    static std::string_view kind_name(Kind k)
    {
        switch (k) {
        case Kind::Null: return "null";
        case Kind::Bool: return "a boolean";
        case Kind::Int:
        case Kind::UInt: return "an integer";
        case Kind::Double: return "a number";
        case Kind::String: return "a string";
        case Kind::Array: return "an array";
        case Kind::Object: return "an object";
        case Kind::Map: return "an object";
        }
        return "unknown";
    }

private:
    using Items = std::vector<std::unique_ptr<Value>>;
    using Members = std::vector<Member>;
    using Entries = std::vector<Entry>;
    // The variant's index is the Kind: keep both in the same order.
    std::variant<std::monostate, bool, std::int64_t, std::uint64_t, double, std::string, Items, Members, Entries>
        data_;

    template <typename T> const T& get(const char* what) const
    {
        if (const T* p = std::get_if<T>(&data_)) return *p;
        throw ValueError(std::string("value is ") + std::string(kind_name(kind())) + ", not " + what);
    }
    template <typename T> T& get_mut(const char* what) { return const_cast<T&>(get<T>(what)); }

    std::int64_t as_int_or_uint() const
    {
        if (kind() == Kind::UInt) return static_cast<std::int64_t>(std::get<std::uint64_t>(data_));
        return as_int();
    }

    static void check_fits(const Field& field, const Value& v)
    {
        if (v.is_null()) return; // an unset value fits any field
        bool ok = false;
        switch (field.type) {
        case FieldType::UInt8:
        case FieldType::UInt16:
        case FieldType::UInt32:
        case FieldType::UInt64:
        case FieldType::Int8:
        case FieldType::Int16:
        case FieldType::Int32:
        case FieldType::Int64: ok = v.kind() == Kind::Int || v.kind() == Kind::UInt; break;
        case FieldType::Float:
        case FieldType::Double: ok = v.is_number(); break;
        case FieldType::String:
        case FieldType::MacAddr:
        case FieldType::Uuid:
        case FieldType::DeviceKey:
        case FieldType::ByteArray: ok = v.kind() == Kind::String; break;
        case FieldType::Object: ok = v.kind() == Kind::Object; break;
        case FieldType::Vector: ok = v.kind() == Kind::Array; break;
        case FieldType::StringMap:
        case FieldType::MacMap:
        case FieldType::IntMap:
        case FieldType::DoubleMap: ok = v.kind() == Kind::Map || v.kind() == Kind::Array; break;
        }
        if (!ok)
            throw ValueError("field '" + field.name + "' is declared " + std::string(field_type_name(field.type)) +
                             " and cannot hold " + std::string(kind_name(v.kind())));
    }

    void copy_from(const Value& other)
    {
        switch (other.kind()) {
        case Kind::Array: {
            Items items;
            items.reserve(other.size());
            for (const auto& it : std::get<Items>(other.data_)) items.push_back(std::make_unique<Value>(*it));
            data_ = std::move(items);
            break;
        }
        case Kind::Object: {
            Members ms;
            ms.reserve(other.size());
            for (const Member& m : std::get<Members>(other.data_))
                ms.push_back(Member{m.field, std::make_unique<Value>(*m.slot)});
            data_ = std::move(ms);
            break;
        }
        case Kind::Map: {
            Entries es;
            es.reserve(other.size());
            for (const Entry& e : std::get<Entries>(other.data_))
                es.push_back(Entry{e.key, std::make_unique<Value>(*e.slot)});
            data_ = std::move(es);
            break;
        }
        case Kind::Null: data_ = std::monostate{}; break;
        case Kind::Bool: data_ = std::get<bool>(other.data_); break;
        case Kind::Int: data_ = std::get<std::int64_t>(other.data_); break;
        case Kind::UInt: data_ = std::get<std::uint64_t>(other.data_); break;
        case Kind::Double: data_ = std::get<double>(other.data_); break;
        case Kind::String: data_ = std::get<std::string>(other.data_); break;
        }
    }
};

} // namespace airsight

#endif
