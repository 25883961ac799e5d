// The SDK's pcapng encoder (airsight/pcapng.h): blocks byte for byte against
// hand-built ones, and a file of them read back by libpcap.
#include <airsight/pcapng.h>

#include <doctest/doctest.h>
#include <pcap/pcap.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace pcapng = airsight::pcapng;
namespace fs = std::filesystem;

namespace {

std::string bytes(std::initializer_list<int> list)
{
    std::string out;
    for (int b : list) out.push_back(static_cast<char>(b));
    return out;
}

bool little_endian()
{
    const std::uint16_t one = 1;
    return *reinterpret_cast<const std::uint8_t*>(&one) == 1;
}

} // namespace

TEST_CASE("a section header: magic, version 1.0, unknown length, shb_userappl, lengths at both ends")
{
    if (!little_endian()) return; // the expectations below are little-endian; the encoder writes host order
    std::string out = "x"; // appended, never replaced
    pcapng::append_section_header(out, "ab");
    CHECK(out == "x" + bytes({0x0A, 0x0D, 0x0D, 0x0A, 40, 0, 0, 0,                  // type, length
                              0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0, 0,                    // byte order, 1.0
                              0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,        // section length
                              4, 0, 2, 0, 'a', 'b', 0, 0,                            // shb_userappl, padded
                              0, 0, 0, 0,                                            // opt_endofopt
                              40, 0, 0, 0}));
}

TEST_CASE("an interface: link type, snap length, if_name, if_description, if_tsresol = 6")
{
    if (!little_endian()) return;
    std::string out;
    pcapng::append_interface(out, {.linktype = 127, .snaplen = 0, .name = "wlan0", .description = "d"});
    CHECK(out == bytes({1, 0, 0, 0, 52, 0, 0, 0,                       // type, length
                        127, 0, 0, 0, 0, 0, 0, 0,                      // radiotap, reserved, snaplen 0
                        2, 0, 5, 0, 'w', 'l', 'a', 'n', '0', 0, 0, 0,  // if_name
                        3, 0, 1, 0, 'd', 0, 0, 0,                      // if_description
                        9, 0, 1, 0, 6, 0, 0, 0,                        // if_tsresol: microseconds
                        0, 0, 0, 0, 52, 0, 0, 0}));

    std::string bare;
    pcapng::append_interface(bare, {.linktype = 251, .snaplen = 65535, .name = {}, .description = {}});
    CHECK(bare == bytes({1, 0, 0, 0, 32, 0, 0, 0, 251, 0, 0, 0, 0xFF, 0xFF, 0, 0,
                         9, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0, 0}));
}

TEST_CASE("an enhanced packet: interface, split microsecond time, captured and original length, padding")
{
    if (!little_endian()) return;
    const std::uint8_t data[] = {1, 2, 3, 4, 5};
    std::string out;
    pcapng::append_packet(out, 1, 0x0000000100000002ULL, data, 9);
    CHECK(out == bytes({6, 0, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0,  // type, length, interface 1
                        1, 0, 0, 0, 2, 0, 0, 0,              // time high, low
                        5, 0, 0, 0, 9, 0, 0, 0,              // captured, original
                        1, 2, 3, 4, 5, 0, 0, 0,              // data, padded
                        40, 0, 0, 0}));

    std::string raised; // an original length below the captured one is raised to it
    pcapng::append_packet(raised, 0, 0, data, 0);
    CHECK(raised.substr(24, 4) == bytes({5, 0, 0, 0}));
    CHECK(pcapng::usec(1'700'000'000, 123'456) == 1'700'000'000'123'456ULL);
}

TEST_CASE("libpcap reads the blocks back: link type, times, lengths and bytes")
{
    const fs::path path = fs::temp_directory_path() / (std::to_string(::getpid()) + "-encoder.pcapng");
    const std::vector<std::uint8_t> a{0xAA, 0xBB, 0xCC}, b(301, 0x5A);
    std::string file;
    pcapng::append_section_header(file, "test");
    pcapng::append_interface(file, {.linktype = 105, .snaplen = 0, .name = "one", .description = "first"});
    pcapng::append_interface(file, {.linktype = 105, .snaplen = 0, .name = "two", .description = {}});
    pcapng::append_packet(file, 0, pcapng::usec(1'700'000'000, 1), a, 3);
    pcapng::append_packet(file, 1, pcapng::usec(1'700'000'001, 999'999), b, 1500);
    std::ofstream(path, std::ios::binary) << file;

    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* pcap = pcap_open_offline(path.c_str(), error);
    REQUIRE_MESSAGE(pcap != nullptr, error);
    CHECK(pcap_datalink(pcap) == 105);
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    REQUIRE(pcap_next_ex(pcap, &header, &data) == 1);
    CHECK(header->ts.tv_sec == 1'700'000'000);
    CHECK(header->ts.tv_usec == 1);
    CHECK(header->caplen == 3);
    CHECK(header->len == 3);
    CHECK(std::vector<std::uint8_t>(data, data + header->caplen) == a);
    REQUIRE(pcap_next_ex(pcap, &header, &data) == 1);
    CHECK(header->ts.tv_sec == 1'700'000'001);
    CHECK(header->ts.tv_usec == 999'999);
    CHECK(header->caplen == 301);
    CHECK(header->len == 1500);
    CHECK(std::vector<std::uint8_t>(data, data + header->caplen) == b);
    CHECK(pcap_next_ex(pcap, &header, &data) == PCAP_ERROR_BREAK); // end of file
    pcap_close(pcap);
    fs::remove(path);
}
