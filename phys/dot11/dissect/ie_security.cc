// RSN (48) and WPA (00-50-F2:1) IEs. Every field after the version is
// optional and may end the IE; a count that promises more than the IE holds
// marks it malformed and yields no suites for that list (as tshark does; Kismet
// drops the whole IE).
#include "ie.h"

namespace airsight::dot11 {

namespace {

Suite read_suite(Cursor& c)
{
    const std::uint32_t oui = c.oui();
    return (oui << 8) | c.u8();
}

// Reads "count, count x suite"; false (and no suites) when the list does not fit.
bool read_suite_list(Cursor& c, SuiteList& list)
{
    if (!c.has(2)) return false;
    list.declared = c.le16();
    if (!c.has(4 * std::size_t{list.declared})) return false;
    for (unsigned i = 0; i < list.declared; ++i) list.push(read_suite(c));
    return true;
}

// Shared head of both IEs: version, group cipher, pairwise list, AKM list.
// Returns false when the IE ended cleanly or was malformed (see s.malformed).
bool parse_common(Cursor& c, SecurityIe& s)
{
    s.present = true;
    if (!c.has(2)) {
        s.malformed = true;
        return false;
    }
    s.version = c.le16();
    if (c.at_end()) return false;
    if (!c.has(4)) {
        s.malformed = true;
        return false;
    }
    s.group_cipher = read_suite(c);
    if (c.at_end()) return false;
    if (!read_suite_list(c, s.pairwise)) {
        s.malformed = true;
        return false;
    }
    if (c.at_end()) return false;
    if (!read_suite_list(c, s.akms)) {
        s.malformed = true;
        return false;
    }
    return !c.at_end();
}

} // namespace

SecurityIe parse_rsn_ie(Bytes data)
{
    SecurityIe s;
    Cursor c(data);
    if (!parse_common(c, s)) return s;
    if (!c.has(2)) {
        s.malformed = true;
        return s;
    }
    s.capabilities = c.le16();
    if (c.at_end()) return s;
    if (!c.has(2)) {
        s.malformed = true;
        return s;
    }
    s.pmkid_count = c.le16();
    c.skip(16 * std::size_t{s.pmkid_count});
    if (c.failed()) {
        s.malformed = true;
        return s;
    }
    if (c.at_end()) return s;
    if (!c.has(4)) {
        s.malformed = true;
        return s;
    }
    s.group_management_cipher = read_suite(c);
    return s;
}

SecurityIe parse_wpa_ie(Bytes data)
{
    SecurityIe s;
    Cursor c(data);
    if (!parse_common(c, s)) return s;
    if (c.has(2)) s.capabilities = c.le16();
    return s;
}

} // namespace airsight::dot11
