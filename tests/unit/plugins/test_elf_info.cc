// The ELF reader that judges a plugin before dlopen(): on a small synthetic
// shared object built here byte by byte (so every field can be broken on
// purpose), on every truncation and on many corruptions of it, and on a real
// fixture plugin built by meson.
#include "plugins/elf_info.h"

#include <airsight/abi.h>

#include <doctest/doctest.h>

#include <elf.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using airsight::core::ElfPluginInfo;
using airsight::core::read_elf_plugin_info;

namespace {

// Layout of the synthetic file: header, one PT_LOAD program header, the
// dynamic string and symbol tables, the record, then the section headers.
constexpr std::size_t kPhdrAt = sizeof(Elf64_Ehdr);
constexpr std::size_t kStrtabAt = 128;
constexpr std::size_t kSymtabAt = 192;
constexpr std::size_t kRecordAt = 272;
constexpr std::uint64_t kLoadAddress = 0x1000; // the segment's virtual address
constexpr char kStrings[] = "\0airsight_plugin_info\0airsight_plugin_create\0";
constexpr std::uint32_t kInfoName = 1, kCreateName = 22;

struct SyntheticElf {
    std::vector<std::uint8_t> bytes;
    std::size_t shdr_at = 0;

    template <typename T> T get(std::size_t at) const
    {
        T v;
        std::memcpy(&v, bytes.data() + at, sizeof v);
        return v;
    }
    template <typename T> void put(std::size_t at, const T& v) { std::memcpy(bytes.data() + at, &v, sizeof v); }

    std::size_t symbol_at(int i) const { return kSymtabAt + i * sizeof(Elf64_Sym); }
    std::size_t section_at(int i) const { return shdr_at + i * sizeof(Elf64_Shdr); }
    airsight_plugin_info record() const { return get<airsight_plugin_info>(kRecordAt); }
    void set_record(const airsight_plugin_info& r) { put(kRecordAt, r); }
};

SyntheticElf make_plugin_elf(std::size_t record_size = sizeof(airsight_plugin_info))
{
    SyntheticElf elf;
    const std::size_t record_end = kRecordAt + sizeof(airsight_plugin_info);
    elf.shdr_at = (record_end + 7) / 8 * 8;
    elf.bytes.assign(elf.shdr_at + 4 * sizeof(Elf64_Shdr), 0);

    Elf64_Ehdr h{};
    std::memcpy(h.e_ident, ELFMAG, SELFMAG);
    h.e_ident[EI_CLASS] = ELFCLASS64;
    h.e_ident[EI_DATA] = ELFDATA2LSB;
    h.e_ident[EI_VERSION] = EV_CURRENT;
    h.e_type = ET_DYN;
    h.e_machine = EM_X86_64;
    h.e_version = EV_CURRENT;
    h.e_phoff = kPhdrAt;
    h.e_shoff = elf.shdr_at;
    h.e_ehsize = sizeof(Elf64_Ehdr);
    h.e_phentsize = sizeof(Elf64_Phdr);
    h.e_phnum = 1;
    h.e_shentsize = sizeof(Elf64_Shdr);
    h.e_shnum = 4;
    elf.put(0, h);

    Elf64_Phdr load{};
    load.p_type = PT_LOAD;
    load.p_vaddr = kLoadAddress;
    load.p_filesz = load.p_memsz = record_end;
    elf.put(kPhdrAt, load);

    std::memcpy(elf.bytes.data() + kStrtabAt, kStrings, sizeof kStrings);
    Elf64_Sym info{};
    info.st_name = kInfoName;
    info.st_info = ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT);
    info.st_shndx = 3;
    info.st_value = kLoadAddress + kRecordAt;
    info.st_size = record_size;
    elf.put(elf.symbol_at(1), info);
    Elf64_Sym create{};
    create.st_name = kCreateName;
    create.st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC);
    create.st_shndx = 3;
    elf.put(elf.symbol_at(2), create);

    airsight_plugin_info record{AIRSIGHT_SDK_ABI, AIRSIGHT_PLUGIN_PHY, "synthetic", "0.9", "built byte by byte"};
    elf.set_record(record);

    Elf64_Shdr strtab{};
    strtab.sh_type = SHT_STRTAB;
    strtab.sh_offset = kStrtabAt;
    strtab.sh_size = sizeof kStrings;
    elf.put(elf.section_at(1), strtab);
    Elf64_Shdr dynsym{};
    dynsym.sh_type = SHT_DYNSYM;
    dynsym.sh_offset = kSymtabAt;
    dynsym.sh_size = 3 * sizeof(Elf64_Sym);
    dynsym.sh_entsize = sizeof(Elf64_Sym);
    dynsym.sh_link = 1;
    elf.put(elf.section_at(2), dynsym);
    Elf64_Shdr rodata{};
    rodata.sh_type = SHT_PROGBITS;
    rodata.sh_offset = kRecordAt;
    rodata.sh_size = sizeof(airsight_plugin_info);
    elf.put(elf.section_at(3), rodata);
    return elf;
}

ElfPluginInfo read(const SyntheticElf& elf) { return read_elf_plugin_info(elf.bytes); }

std::vector<std::uint8_t> read_file(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("elf info: a well-formed plugin's record is read from its bytes")
{
    const ElfPluginInfo info = read(make_plugin_elf());
    REQUIRE_MESSAGE(info.ok, info.error);
    CHECK(info.error.empty());
    CHECK(info.sdk_abi == AIRSIGHT_SDK_ABI);
    CHECK(info.current_layout);
    CHECK(info.kinds == AIRSIGHT_PLUGIN_PHY);
    CHECK(info.name == "synthetic");
    CHECK(info.version == "0.9");
    CHECK(info.description == "built byte by byte");
    CHECK(info.has_factory);
}

TEST_CASE("elf info: a real plugin built by meson")
{
    const std::vector<std::uint8_t> bytes = read_file(fs::path(PLUGIN_FIXTURES_DIR) / "good" / "good.so");
    REQUIRE(bytes.size() > sizeof(Elf64_Ehdr));
    const ElfPluginInfo info = read_elf_plugin_info(bytes);
    REQUIRE_MESSAGE(info.ok, info.error);
    CHECK(info.sdk_abi == AIRSIGHT_SDK_ABI);
    CHECK(info.current_layout);
    CHECK(info.name == "good");
    CHECK(info.version == "2.5");
    CHECK(info.kinds == (AIRSIGHT_PLUGIN_ENDPOINTS | AIRSIGHT_PLUGIN_FIELDS));
    CHECK(info.has_factory);

    // An SDK ABI 2 record (pointers, so relocated) still yields its number.
    const ElfPluginInfo old = read_elf_plugin_info(read_file(fs::path(PLUGIN_FIXTURES_DIR) / "old_abi" / "old_abi.so"));
    REQUIRE_MESSAGE(old.ok, old.error);
    CHECK(old.sdk_abi == 2);
    CHECK_FALSE(old.current_layout);
    CHECK(old.name.empty());
}

TEST_CASE("elf info: every truncation is refused with a reason")
{
    const SyntheticElf elf = make_plugin_elf();
    for (std::size_t size = 0; size < elf.bytes.size(); ++size) {
        // A copy of exactly `size` bytes, so ASan sees any read past its end.
        const std::vector<std::uint8_t> cut(elf.bytes.begin(), elf.bytes.begin() + static_cast<std::ptrdiff_t>(size));
        const ElfPluginInfo info = read_elf_plugin_info(cut);
        CHECK_MESSAGE(!info.ok, "accepted at ", size, " bytes");
        CHECK_MESSAGE(!info.error.empty(), "no reason at ", size, " bytes");
    }
}

TEST_CASE("elf info: malformed headers are refused with what is wrong")
{
    SyntheticElf elf = make_plugin_elf();
    auto error_after = [&](auto&& change) {
        SyntheticElf broken = elf;
        change(broken);
        const ElfPluginInfo info = read(broken);
        CHECK_FALSE(info.ok);
        return info.error;
    };

    CHECK(read_elf_plugin_info({}).error == "not an ELF file (no ELF magic number)");
    CHECK(error_after([](SyntheticElf& e) { e.bytes[0] = 'X'; }) == "not an ELF file (no ELF magic number)");
    CHECK(error_after([](SyntheticElf& e) { e.bytes[EI_CLASS] = ELFCLASS32; }) ==
          "not a 64-bit ELF file (ELF class 1); airsight loads only 64-bit little-endian plugins");
    CHECK(error_after([](SyntheticElf& e) { e.bytes[EI_DATA] = ELFDATA2MSB; }) ==
          "not a little-endian ELF file (ELF data 2); airsight loads only 64-bit little-endian plugins");
    CHECK(error_after([](SyntheticElf& e) {
              auto h = e.get<Elf64_Ehdr>(0);
              h.e_type = ET_EXEC;
              e.put(0, h);
          }) == "not a shared object (ELF type 2)");
    CHECK(error_after([](SyntheticElf& e) {
              auto h = e.get<Elf64_Ehdr>(0);
              h.e_shnum = 0;
              e.put(0, h);
          }) == "ELF file without usable section headers: cannot find its symbols");
    CHECK(error_after([](SyntheticElf& e) { // offset + size wraps around 2^64
              auto h = e.get<Elf64_Ehdr>(0);
              h.e_shoff = ~std::uint64_t{0} - 8;
              e.put(0, h);
          }) == "truncated ELF file: section headers lie beyond its end");
    CHECK(error_after([](SyntheticElf& e) {
              auto s = e.get<Elf64_Shdr>(e.section_at(2));
              s.sh_type = SHT_PROGBITS;
              e.put(e.section_at(2), s);
          }) == "ELF file without a dynamic symbol table: not a plugin");
    CHECK(error_after([](SyntheticElf& e) {
              auto s = e.get<Elf64_Shdr>(e.section_at(2));
              s.sh_link = 99;
              e.put(e.section_at(2), s);
          }) == "malformed ELF dynamic symbol table");
    CHECK(error_after([](SyntheticElf& e) {
              auto s = e.get<Elf64_Shdr>(e.section_at(2));
              s.sh_size = 1u << 30;
              e.put(e.section_at(2), s);
          }) == "truncated ELF file: its symbol tables lie beyond its end");
    CHECK(error_after([](SyntheticElf& e) {
              auto sym = e.get<Elf64_Sym>(e.symbol_at(1));
              sym.st_name = 4000;
              e.put(e.symbol_at(1), sym);
          }) == "malformed ELF symbol table: a symbol name lies outside its string table");
    CHECK(error_after([](SyntheticElf& e) { e.bytes[kStrtabAt + kInfoName] = 'X'; }) ==
          "no airsight_plugin_info symbol: not an airsight plugin");
    CHECK(error_after([](SyntheticElf& e) { // the record in .bss: not in the file
              auto p = e.get<Elf64_Phdr>(kPhdrAt);
              p.p_filesz = kRecordAt;
              e.put(kPhdrAt, p);
          }) == "airsight_plugin_info is not stored in the file (truncated, or not initialised data)");
    CHECK(error_after([](SyntheticElf& e) {
              auto sym = e.get<Elf64_Sym>(e.symbol_at(1));
              sym.st_size = 2;
              e.put(e.symbol_at(1), sym);
          }) == "airsight_plugin_info is too small to hold an SDK ABI number");
    CHECK(error_after([](SyntheticElf& e) {
              auto r = e.record();
              std::memset(r.name, 'a', sizeof r.name);
              e.set_record(r);
          }) == "airsight_plugin_info holds text without its terminating NUL");
}

TEST_CASE("elf info: what a plugin lacks is reported, not guessed")
{
    SUBCASE("no factory")
    {
        SyntheticElf elf = make_plugin_elf();
        auto sym = elf.get<Elf64_Sym>(elf.symbol_at(2));
        sym.st_shndx = SHN_UNDEF; // imported, not defined
        elf.put(elf.symbol_at(2), sym);
        const ElfPluginInfo info = read(elf);
        REQUIRE(info.ok);
        CHECK_FALSE(info.has_factory);
    }
    SUBCASE("another ABI's record size: only the number is read")
    {
        SyntheticElf elf = make_plugin_elf(32);
        auto r = elf.record();
        r.sdk_abi = 2;
        elf.set_record(r);
        const ElfPluginInfo info = read(elf);
        REQUIRE(info.ok);
        CHECK(info.sdk_abi == 2);
        CHECK_FALSE(info.current_layout);
        CHECK(info.name.empty());
    }
}

TEST_CASE("elf info: random corruption never crashes and always explains a refusal")
{
    const SyntheticElf elf = make_plugin_elf();
    std::mt19937 random(20261201);
    std::uniform_int_distribution<std::size_t> where(0, elf.bytes.size() - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    int refused = 0;
    for (int round = 0; round < 20000; ++round) {
        std::vector<std::uint8_t> bytes = elf.bytes;
        for (int flips = 1 + round % 4; flips > 0; --flips) bytes[where(random)] = static_cast<std::uint8_t>(byte(random));
        const ElfPluginInfo info = read_elf_plugin_info(bytes);
        if (!info.ok) {
            ++refused;
            CHECK_MESSAGE(!info.error.empty(), "refused without a reason in round ", round);
        }
    }
    CHECK(refused > 0); // the corruptions did reach the checks
}
