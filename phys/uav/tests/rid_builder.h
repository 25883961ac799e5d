// Builds ASTM F3411 Remote ID messages byte by byte (25 bytes each), in the
// field order of the standard's tables, for the decoder tests.
#ifndef AIRSIGHT_PHYS_UAV_TESTS_RID_BUILDER_H
#define AIRSIGHT_PHYS_UAV_TESTS_RID_BUILDER_H

#include <cstdint>
#include <string_view>
#include <vector>

namespace airsight::uav::test {

using ByteVec = std::vector<std::uint8_t>;

class Message {
public:
    explicit Message(std::uint8_t type, std::uint8_t version = 2) { bytes_.push_back(static_cast<std::uint8_t>(type << 4 | version)); }
    Message& u8(std::uint8_t v)
    {
        bytes_.push_back(v);
        return *this;
    }
    Message& le16(std::uint16_t v) { return u8(v & 0xff).u8(v >> 8); }
    Message& le32(std::uint32_t v) { return le16(v & 0xffff).le16(v >> 16); }
    /// A fixed-size text field, NUL padded.
    Message& text(std::string_view s, std::size_t size)
    {
        for (std::size_t i = 0; i < size; ++i) u8(i < s.size() ? static_cast<std::uint8_t>(s[i]) : 0);
        return *this;
    }
    /// Pads to 25 bytes.
    ByteVec done() const
    {
        ByteVec out = bytes_;
        out.resize(25, 0);
        return out;
    }

private:
    ByteVec bytes_;
};

inline std::int32_t degrees_e7(double d) { return static_cast<std::int32_t>(d * 1e7 + (d < 0 ? -0.5 : 0.5)); }
inline std::uint16_t altitude_code(double meters) { return static_cast<std::uint16_t>((meters + 1000) * 2); }

inline ByteVec basic_id(std::string_view id, std::uint8_t id_type = 1, std::uint8_t ua_type = 2)
{
    return Message(0x0).u8(static_cast<std::uint8_t>(id_type << 4 | ua_type)).text(id, 20).done();
}

inline ByteVec location(double lat, double lon, double alt_geo, double height, unsigned direction, double speed,
                        double vspeed, std::uint8_t status = 2)
{
    const bool ew = direction >= 180;
    const bool mult = speed > 63.75;
    const auto speed_code = static_cast<std::uint8_t>(mult ? (speed - 63.75) / 0.75 : speed / 0.25);
    return Message(0x1)
        .u8(static_cast<std::uint8_t>(status << 4 | 0x04 * 0 | (ew ? 0x02 : 0) | (mult ? 0x01 : 0)))
        .u8(static_cast<std::uint8_t>(ew ? direction - 180 : direction))
        .u8(speed_code)
        .u8(static_cast<std::uint8_t>(static_cast<std::int8_t>(vspeed * 2)))
        .le32(static_cast<std::uint32_t>(degrees_e7(lat)))
        .le32(static_cast<std::uint32_t>(degrees_e7(lon)))
        .le16(altitude_code(alt_geo - 10)) // baro
        .le16(altitude_code(alt_geo))
        .le16(altitude_code(height))
        .u8(0x4b) // vertical accuracy 4, horizontal 11
        .u8(0x34) // baro accuracy 3, speed accuracy 4
        .le16(12345)
        .u8(0x01)
        .done();
}

inline ByteVec auth_page(std::uint8_t page, std::uint8_t last_page = 2, std::uint8_t auth_type = 1)
{
    Message m(0x2);
    m.u8(static_cast<std::uint8_t>(auth_type << 4 | page));
    if (page == 0) m.u8(last_page).u8(40).le32(100000000);
    for (int i = 0; i < 23; ++i) m.u8(static_cast<std::uint8_t>(page * 0x10 + i));
    ByteVec out = m.done();
    return out;
}

inline ByteVec self_id(std::string_view text) { return Message(0x3).u8(0).text(text, 23).done(); }

inline ByteVec system_message(double op_lat, double op_lon, std::uint8_t location_type = 0)
{
    return Message(0x4)
        .u8(static_cast<std::uint8_t>(1 << 2 | location_type)) // EU classification
        .le32(static_cast<std::uint32_t>(degrees_e7(op_lat)))
        .le32(static_cast<std::uint32_t>(degrees_e7(op_lon)))
        .le16(1)  // area count
        .u8(5)    // radius 50 m
        .le16(altitude_code(120))
        .le16(altitude_code(0))
        .u8(0x21) // category 2, class 1
        .le16(altitude_code(55.5))
        .le32(150000000)
        .done();
}

inline ByteVec operator_id(std::string_view id) { return Message(0x5).u8(0).text(id, 20).done(); }

inline ByteVec pack(const std::vector<ByteVec>& messages)
{
    ByteVec out{0xf2, 25, static_cast<std::uint8_t>(messages.size())};
    for (const ByteVec& m : messages) out.insert(out.end(), m.begin(), m.end());
    return out;
}

} // namespace airsight::uav::test

#endif
