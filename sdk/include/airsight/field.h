// airsight SDK: tracked fields.
//
// Every named member of a record ("kismet.device.base.macaddr", ...) is a
// Field registered once, with a type and a description. Records (airsight::Value
// objects) are keyed by Field pointers, so a name is stored once per server and
// every record can describe itself (/system/tracked_fields.html, .prettyjson).
#ifndef AIRSIGHT_FIELD_H
#define AIRSIGHT_FIELD_H

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace airsight {

/// The declared type of a field, named after the C type Kismet reports for it.
enum class FieldType : std::uint8_t {
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Int8,
    Int16,
    Int32,
    Int64,
    Float,
    Double,
    String,
    MacAddr,   // "AA:BB:CC:DD:EE:FF", upper case
    Uuid,      // upper-case 8-4-4-4-12
    DeviceKey, // Kismet device key "XXXXXXXX00000000_YYYYYYYYYYYY"
    ByteArray, // hex string
    Object,    // a record: members are other fields
    Vector,    // a list
    StringMap, // map keyed by data strings
    MacMap,    // map keyed by MAC address strings
    IntMap,    // map keyed by integers (printed as strings)
    DoubleMap, // map keyed by doubles (printed as strings)
};

/// The C type name shown in tracked_fields and .prettyjson ("uint64_t", ...).
constexpr std::string_view field_type_name(FieldType t)
{
    switch (t) {
    case FieldType::UInt8: return "uint8_t";
    case FieldType::UInt16: return "uint16_t";
    case FieldType::UInt32: return "uint32_t";
    case FieldType::UInt64: return "uint64_t";
    case FieldType::Int8: return "int8_t";
    case FieldType::Int16: return "int16_t";
    case FieldType::Int32: return "int32_t";
    case FieldType::Int64: return "int64_t";
    case FieldType::Float: return "float";
    case FieldType::Double: return "double";
    case FieldType::String: return "string";
    case FieldType::MacAddr: return "mac_addr";
    case FieldType::Uuid: return "uuid";
    case FieldType::DeviceKey: return "devicekey";
    case FieldType::ByteArray: return "bytearray";
    case FieldType::Object: return "map[field, x]";
    case FieldType::Vector: return "vector[x]";
    case FieldType::StringMap: return "map[string, x]";
    case FieldType::MacMap: return "map[macaddr, x]";
    case FieldType::IntMap: return "map[int, x]";
    case FieldType::DoubleMap: return "map[double, x]";
    }
    return "unknown";
}

/// True for the field types whose members are keyed by data rather than by
/// registered field names; a field spec path may name a key after them.
constexpr bool field_type_is_keyed_by_data(FieldType t)
{
    return t == FieldType::StringMap || t == FieldType::MacMap || t == FieldType::IntMap ||
           t == FieldType::DoubleMap || t == FieldType::Vector;
}

/// One registered field. Owned by the registry; pointers stay valid for the
/// life of the server, so records may hold them.
struct Field {
    std::uint32_t id;        // dense, 1-based; stable within one run only
    std::string name;        // "kismet.device.base.macaddr"
    FieldType type;
    std::string description; // one line
};

/// Thrown when a registration conflicts with an earlier one.
class FieldError : public std::exception {
public:
    explicit FieldError(std::string message) : message_(std::move(message)) {}
    const char* what() const noexcept override { return message_.c_str(); }

private:
    std::string message_;
};

/// The server's set of fields. Plugins extend it while they are created.
/// Thread-safe.
class FieldRegistry {
public:
    virtual ~FieldRegistry() = default;

    /// Registers a field, or returns the existing one when the same name was
    /// registered before with the same type. Throws FieldError when the name
    /// is empty, malformed, or already registered with another type.
    virtual const Field& add(std::string_view name, FieldType type, std::string_view description) = 0;

    /// The field of that name, or nullptr.
    virtual const Field* find(std::string_view name) const = 0;

    /// Every field, in registration order.
    virtual std::vector<const Field*> all() const = 0;
};

} // namespace airsight

#endif
