// fuzz-seeds: writes a seed corpus for one fuzz target into a folder, cut at
// run time from capture files (the shared real captures, or what sim-capture
// wrote), so no capture is ever copied into the project. Files are named by
// a hash of their bytes, so equal seeds are kept once.
//
//   fuzz-seeds KIND OUT_DIR [CAPTURE_FILE_OR_DIR]...
//   KIND: decap | frame | ies | eapol | pcap
#include "dissect/decap.h"
#include "dissect/frame.h"

#include <pcap/pcap.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace airsight::dot11;
using ByteVec = std::vector<std::uint8_t>;

namespace {

constexpr std::size_t kRecordsPerFile = 400; // per capture: enough variety, a corpus that loads in seconds
constexpr std::size_t kPcapSlice = 12;       // records per generated small capture file
constexpr std::size_t kRawHead = 2048;       // bytes of each capture file kept as is (pcapng blocks)
// Small capture files per capture: each runs the whole chain (a thread, fresh
// services), so a few per capture keep the corpus quick to load.
constexpr std::size_t kPcapSlicesPerFile = 3;

struct Out {
    fs::path dir;
    std::size_t written = 0;
    void write(const ByteVec& bytes)
    {
        std::uint64_t h = 1469598103934665603ULL; // FNV-1a
        for (std::uint8_t b : bytes) h = (h ^ b) * 1099511628211ULL;
        char name[32];
        std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(h));
        const fs::path path = dir / name;
        if (fs::exists(path)) return;
        std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                    static_cast<std::streamsize>(bytes.size()));
        ++written;
    }
};

std::uint8_t selector_of(int dlt)
{
    // The decap target's first byte: 0 radiotap, 1 PPI, 2 802.11 (fuzz_decap.cc).
    return dlt == dlt_radiotap ? 0 : dlt == dlt_ppi ? 1 : 2;
}

void seed_record(const std::string& kind, int dlt, Bytes record, Out& out)
{
    if (kind == "btle") {
        // fuzz_btle.cc's first byte: 0 BLE LL, 1 with libbtbb's header, 2 nRF Sniffer, 3 PPI,
        // 4 HCI H4 with its direction header, 5 the Linux HCI monitor's.
        const int selector = dlt == 251 ? 0 : dlt == 256 ? 1 : dlt == 272 ? 2 : dlt == dlt_ppi ? 3 : dlt == 201 ? 4
                             : dlt == 254 ? 5 : -1;
        if (selector < 0) return;
        ByteVec v{static_cast<std::uint8_t>(selector)};
        v.insert(v.end(), record.begin(), record.end());
        out.write(v);
        return;
    }
    if (kind == "decap") {
        ByteVec v{selector_of(dlt)};
        v.insert(v.end(), record.begin(), record.end());
        out.write(v);
        return;
    }
    const Decapped d = decap(dlt, record);
    if (!d.ok) return;
    if (kind == "frame") {
        ByteVec v{static_cast<std::uint8_t>(d.extras.header_padded ? 1 : 0)};
        v.insert(v.end(), d.frame.begin(), d.frame.end());
        out.write(v);
        return;
    }
    const Frame f = parse_frame(d.frame, d.extras.header_padded);
    if (!f.ok) return;
    if (kind == "ies" && f.is_management() && !f.mgmt.ies.empty()) out.write(ByteVec(f.mgmt.ies.begin(), f.mgmt.ies.end()));
    if (kind == "eapol" && f.eapol) out.write(ByteVec(f.llc_payload.begin(), f.llc_payload.end()));
}

// A small pcap file of `records` (classic format, the capture's link type).
ByteVec small_pcap(int dlt, const std::vector<std::pair<pcap_pkthdr, ByteVec>>& records)
{
    ByteVec file;
    auto le32 = [&](std::uint32_t x) {
        for (int i = 0; i < 4; ++i) file.push_back(static_cast<std::uint8_t>(x >> (8 * i)));
    };
    le32(0xa1b2c3d4);
    le32(0x00040002); // version 2.4
    le32(0);
    le32(0);
    le32(65535);
    le32(static_cast<std::uint32_t>(dlt));
    for (const auto& [h, bytes] : records) {
        le32(static_cast<std::uint32_t>(h.ts.tv_sec));
        le32(static_cast<std::uint32_t>(h.ts.tv_usec));
        le32(static_cast<std::uint32_t>(bytes.size()));
        le32(h.len);
        file.insert(file.end(), bytes.begin(), bytes.end());
    }
    return file;
}

void seed_capture(const std::string& kind, const fs::path& path, Out& out)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t* p = pcap_open_offline(path.c_str(), errbuf);
    if (!p) return; // not a capture libpcap reads: nothing to cut from it
    const int dlt = pcap_datalink(p);
    const bool ble = dlt == 251 || dlt == 256 || dlt == 272 || dlt == dlt_ppi || dlt == 201 || dlt == 254;
    const bool ours = kind == "btle" ? ble : dlt == dlt_radiotap || dlt == dlt_ppi || dlt == dlt_ieee802_11;
    if (kind == "pcap") {
        std::ifstream in(path, std::ios::binary);
        ByteVec head(kRawHead);
        in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<std::size_t>(in.gcount()));
        if (ours) out.write(head);
    }
    std::vector<std::pair<pcap_pkthdr, ByteVec>> slice;
    pcap_pkthdr* h = nullptr;
    const u_char* data = nullptr;
    const std::size_t limit = kind == "pcap" ? kPcapSlice * kPcapSlicesPerFile : kRecordsPerFile;
    for (std::size_t n = 0; ours && n < limit && pcap_next_ex(p, &h, &data) == 1; ++n) {
        if (kind == "pcap") {
            slice.emplace_back(*h, ByteVec(data, data + h->caplen));
            if (slice.size() == kPcapSlice) {
                out.write(small_pcap(dlt, slice));
                slice.clear();
            }
        } else {
            seed_record(kind, dlt, Bytes(data, h->caplen), out);
        }
    }
    if (!slice.empty()) out.write(small_pcap(dlt, slice));
    pcap_close(p);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: fuzz-seeds decap|frame|ies|eapol|pcap OUT_DIR [CAPTURE_FILE_OR_DIR]...\n");
        return 2;
    }
    const std::string kind = argv[1];
    if (kind != "decap" && kind != "frame" && kind != "ies" && kind != "eapol" && kind != "pcap" && kind != "btle") {
        std::fprintf(stderr, "fuzz-seeds: unknown kind '%s'\n", kind.c_str());
        return 2;
    }
    Out out{argv[2]};
    fs::create_directories(out.dir);
    std::vector<fs::path> files;
    for (int i = 3; i < argc; ++i) {
        const fs::path p = argv[i];
        if (fs::is_directory(p)) {
            for (const auto& e : fs::directory_iterator(p))
                if (e.is_regular_file()) files.push_back(e.path());
        } else if (fs::is_regular_file(p)) {
            files.push_back(p);
        }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) seed_capture(kind, f, out);
    std::printf("fuzz-seeds: %zu %s seeds from %zu files in %s\n", out.written, kind.c_str(), files.size(),
                out.dir.c_str());
    return 0;
}
