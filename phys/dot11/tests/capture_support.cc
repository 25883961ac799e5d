#include "capture_support.h"

#include "prerequisites.h"

#include <pcap/pcap.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace airsight::dot11::test {

namespace {

std::vector<std::string> split(const std::string& line, char separator)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t end; (end = line.find(separator, start)) != std::string::npos; start = end + 1)
        out.emplace_back(line, start, end - start);
    out.emplace_back(line, start);
    return out;
}

// Single-quotes a path for /bin/sh.
std::string shell_quote(const std::string& s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

} // namespace

std::vector<ManifestEntry> read_manifest(const std::filesystem::path& captures)
{
    std::vector<ManifestEntry> entries;
    std::ifstream in(captures / "MANIFEST.tsv");
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        const std::vector<std::string> cols = split(line, '\t');
        if (cols.size() < 5 || cols[0].empty()) continue;
        ManifestEntry e;
        e.file = cols[0];
        e.linktype = std::atoi(cols[4].c_str());
        entries.push_back(e);
    }
    return entries;
}

std::optional<PcapRecords> read_pcap(const std::filesystem::path& file, std::string& error)
{
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t* p = pcap_open_offline(file.c_str(), errbuf);
    if (p == nullptr) {
        error = errbuf;
        return std::nullopt;
    }
    PcapRecords out;
    out.dlt = pcap_datalink(p);
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int status;
    while ((status = pcap_next_ex(p, &header, &data)) == 1) out.records.emplace_back(data, data + header->caplen);
    if (status == PCAP_ERROR) out.stopped_by = pcap_geterr(p);
    pcap_close(p);
    return out;
}

std::optional<std::vector<std::vector<std::string>>> tshark_fields(const std::filesystem::path& file,
                                                                   const std::vector<std::string>& fields)
{
    std::string command = airsight::test::tshark_program() + " -n -r " + shell_quote(file.string()) + " -T fields -E occurrence=a -E aggregator=,";
    for (const std::string& f : fields) command += " -e " + f;
    command += " 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return std::nullopt;
    std::vector<std::vector<std::string>> rows;
    std::string line;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
        line += buffer;
        if (line.empty() || line.back() != '\n') continue;  // a longer line continues
        line.pop_back();
        rows.push_back(split(line, '\t'));
        line.clear();
    }
    pclose(pipe);  // tshark exits non-zero on files that end in a damaged record
    return rows;
}

std::string tshark_mac(const MacAddr& mac)
{
    std::string s = mac.str();
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace airsight::dot11::test
