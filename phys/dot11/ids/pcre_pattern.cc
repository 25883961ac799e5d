#define PCRE2_CODE_UNIT_WIDTH 8
#include "ids/pcre_pattern.h"

#include <pcre2.h>

#include <cstdint>
#include <new>
#include <stdexcept>

namespace airsight::dot11::ids {

namespace {

// One match-data block per thread: pcre2_match writes into it, so sharing it
// between threads would race. One ovector pair is enough to learn "matched".
pcre2_match_data* thread_match_data()
{
    struct Holder {
        pcre2_match_data* data = pcre2_match_data_create(1, nullptr);
        ~Holder() { pcre2_match_data_free(data); }
    };
    thread_local Holder holder;
    if (!holder.data) throw std::bad_alloc();
    return holder.data;
}

} // namespace

void PcrePattern::CodeFree::operator()(pcre2_real_code_8* code) const noexcept { pcre2_code_free(code); }

PcrePattern::PcrePattern(std::string_view pattern, Encoding encoding)
{
    const std::uint32_t options = encoding == Encoding::utf8 ? PCRE2_UTF | PCRE2_MATCH_INVALID_UTF : 0;
    int error = 0;
    PCRE2_SIZE offset = 0;
    code_.reset(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &error, &offset,
                              nullptr));
    if (!code_) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error, message, sizeof message);
        throw std::invalid_argument("does not compile at offset " + std::to_string(offset) + ": " +
                                    reinterpret_cast<const char*>(message));
    }
}

bool PcrePattern::found_in(std::string_view subject) const
{
    const int rc = pcre2_match(code_.get(), reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0,
                               thread_match_data(), nullptr);
    return rc >= 0; // 0: matched, ovector too small; < 0: no match or a limit hit
}

} // namespace airsight::dot11::ids
