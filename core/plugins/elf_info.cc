#include "plugins/elf_info.h"

#include <airsight/abi.h>

#include <elf.h>

#include <bit>
#include <cstddef>
#include <cstring>
#include <optional>

namespace airsight::core {

// The Elf64_* structs are read with memcpy, which is only right when this
// machine has the file's byte order; the reader accepts little-endian files.
static_assert(std::endian::native == std::endian::little, "elf_info reads little-endian ELF with native loads");

namespace {

ElfPluginInfo failure(std::string why)
{
    ElfPluginInfo out;
    out.error = std::move(why);
    return out;
}

// `count` items of `size` bytes from `offset`: inside the file, without overflow.
bool fits(std::span<const std::uint8_t> file, std::uint64_t offset, std::uint64_t count, std::uint64_t size)
{
    if (size != 0 && count > file.size() / size) return false;
    const std::uint64_t bytes = count * size;
    return offset <= file.size() && bytes <= file.size() - offset;
}

template <typename T> T load(std::span<const std::uint8_t> file, std::uint64_t offset)
{
    T value;
    std::memcpy(&value, file.data() + offset, sizeof value);
    return value;
}

// A NUL-terminated name at `offset` in a string table [table, table + size).
std::optional<std::string_view> string_at(std::span<const std::uint8_t> file, const Elf64_Shdr& table,
                                          std::uint32_t offset)
{
    if (offset >= table.sh_size) return std::nullopt;
    const auto* start = reinterpret_cast<const char*>(file.data() + table.sh_offset + offset);
    const void* nul = std::memchr(start, '\0', table.sh_size - offset);
    if (!nul) return std::nullopt;
    return std::string_view(start, static_cast<const char*>(nul) - start);
}

// Copies a fixed-size text field; false when it has no NUL.
bool read_text(const char* field, std::size_t size, std::string& out)
{
    const void* nul = std::memchr(field, '\0', size);
    if (!nul) return false;
    out.assign(field, static_cast<const char*>(nul) - field);
    return true;
}

} // namespace

ElfPluginInfo read_elf_plugin_info(std::span<const std::uint8_t> file)
{
    if (file.size() < EI_NIDENT || std::memcmp(file.data(), ELFMAG, SELFMAG) != 0)
        return failure("not an ELF file (no ELF magic number)");
    if (file[EI_CLASS] != ELFCLASS64)
        return failure("not a 64-bit ELF file (ELF class " + std::to_string(file[EI_CLASS]) +
                       "); airsight loads only 64-bit little-endian plugins");
    if (file[EI_DATA] != ELFDATA2LSB)
        return failure("not a little-endian ELF file (ELF data " + std::to_string(file[EI_DATA]) +
                       "); airsight loads only 64-bit little-endian plugins");
    if (file.size() < sizeof(Elf64_Ehdr)) return failure("truncated ELF file: the header is cut short");
    const auto header = load<Elf64_Ehdr>(file, 0);
    if (header.e_type != ET_DYN) return failure("not a shared object (ELF type " + std::to_string(header.e_type) + ")");

    // Section headers: .dynsym, its string table, and where the record lives.
    if (header.e_shnum == 0 || header.e_shentsize != sizeof(Elf64_Shdr))
        return failure("ELF file without usable section headers: cannot find its symbols");
    if (!fits(file, header.e_shoff, header.e_shnum, sizeof(Elf64_Shdr)))
        return failure("truncated ELF file: section headers lie beyond its end");
    auto section = [&](std::size_t i) { return load<Elf64_Shdr>(file, header.e_shoff + i * sizeof(Elf64_Shdr)); };

    std::optional<Elf64_Shdr> dynsym;
    for (std::size_t i = 0; i < header.e_shnum && !dynsym; ++i)
        if (section(i).sh_type == SHT_DYNSYM) dynsym = section(i);
    if (!dynsym) return failure("ELF file without a dynamic symbol table: not a plugin");
    if (dynsym->sh_entsize != sizeof(Elf64_Sym) || dynsym->sh_link >= header.e_shnum)
        return failure("malformed ELF dynamic symbol table");
    const Elf64_Shdr strtab = section(dynsym->sh_link);
    if (strtab.sh_type != SHT_STRTAB || !fits(file, strtab.sh_offset, strtab.sh_size, 1) ||
        !fits(file, dynsym->sh_offset, dynsym->sh_size / sizeof(Elf64_Sym), sizeof(Elf64_Sym)))
        return failure("truncated ELF file: its symbol tables lie beyond its end");

    std::optional<Elf64_Sym> info_symbol;
    bool has_factory = false;
    const std::uint64_t symbols = dynsym->sh_size / sizeof(Elf64_Sym);
    for (std::uint64_t i = 1; i < symbols; ++i) { // entry 0 is the null symbol
        const auto sym = load<Elf64_Sym>(file, dynsym->sh_offset + i * sizeof(Elf64_Sym));
        if (sym.st_shndx == SHN_UNDEF) continue; // what it imports, not what it defines
        const auto name = string_at(file, strtab, sym.st_name);
        if (!name) return failure("malformed ELF symbol table: a symbol name lies outside its string table");
        if (*name == AIRSIGHT_PLUGIN_INFO_SYMBOL && ELF64_ST_TYPE(sym.st_info) == STT_OBJECT) info_symbol = sym;
        if (*name == AIRSIGHT_PLUGIN_CREATE_SYMBOL && ELF64_ST_TYPE(sym.st_info) == STT_FUNC) has_factory = true;
    }
    if (!info_symbol) return failure("no " AIRSIGHT_PLUGIN_INFO_SYMBOL " symbol: not an airsight plugin");

    // The record's address is a virtual address: find the loaded segment
    // that holds it and its bytes in the file.
    if (info_symbol->st_size < sizeof(std::uint32_t))
        return failure(AIRSIGHT_PLUGIN_INFO_SYMBOL " is too small to hold an SDK ABI number");
    if (header.e_phentsize != sizeof(Elf64_Phdr) || !fits(file, header.e_phoff, header.e_phnum, sizeof(Elf64_Phdr)))
        return failure("truncated ELF file: program headers lie beyond its end");
    std::optional<std::uint64_t> record_offset;
    for (std::size_t i = 0; i < header.e_phnum && !record_offset; ++i) {
        const auto seg = load<Elf64_Phdr>(file, header.e_phoff + i * sizeof(Elf64_Phdr));
        if (seg.p_type != PT_LOAD || info_symbol->st_value < seg.p_vaddr) continue;
        const std::uint64_t into = info_symbol->st_value - seg.p_vaddr;
        if (into < seg.p_filesz && info_symbol->st_size <= seg.p_filesz - into) record_offset = seg.p_offset + into;
    }
    if (!record_offset || !fits(file, *record_offset, info_symbol->st_size, 1))
        return failure(AIRSIGHT_PLUGIN_INFO_SYMBOL " is not stored in the file (truncated, or not initialised data)");

    ElfPluginInfo out;
    out.has_factory = has_factory;
    out.sdk_abi = load<std::uint32_t>(file, *record_offset);
    out.current_layout = info_symbol->st_size == sizeof(airsight_plugin_info);
    if (out.current_layout) {
        const auto record = load<airsight_plugin_info>(file, *record_offset);
        out.kinds = record.kinds;
        if (!read_text(record.name, sizeof record.name, out.name) ||
            !read_text(record.version, sizeof record.version, out.version) ||
            !read_text(record.description, sizeof record.description, out.description))
            return failure(AIRSIGHT_PLUGIN_INFO_SYMBOL " holds text without its terminating NUL");
    }
    out.ok = true;
    return out;
}

} // namespace airsight::core
