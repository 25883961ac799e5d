#define PCRE2_CODE_UNIT_WIDTH 8
#include "phy/ssid_pattern.h"

#include <pcre2.h>

#include <new>
#include <stdexcept>
#include <string>

namespace airsight::uav {

namespace {

// pcre2_match writes into its match data: one block per thread.
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

void SsidPattern::CodeFree::operator()(pcre2_real_code_8* code) const noexcept { pcre2_code_free(code); }

SsidPattern::SsidPattern(std::string_view pattern)
{
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* code =
        pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), 0, &error, &offset, nullptr);
    if (!code) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error, message, sizeof message);
        throw std::invalid_argument("does not compile at offset " + std::to_string(offset) + ": " +
                                    reinterpret_cast<const char*>(message));
    }
    code_ = std::shared_ptr<pcre2_real_code_8>(code, CodeFree{});
}

bool SsidPattern::found_in(std::string_view ssid) const
{
    return pcre2_match(code_.get(), reinterpret_cast<PCRE2_SPTR>(ssid.data()), ssid.size(), 0, 0, thread_match_data(),
                       nullptr) >= 0;
}

} // namespace airsight::uav
