// airsight SDK: a PCRE2 regular expression compiled once and searched from
// any thread, for the kismet.conf options and requests that name things by
// regex (Kismet compiles those with PCRE2 too).
//
// Header-only like the rest of the SDK, but it calls libpcre2-8: a plugin
// that includes it links that library itself (meson: dependency('libpcre2-8')).
#ifndef AIRSIGHT_PCRE_PATTERN_H
#define AIRSIGHT_PCRE_PATTERN_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h> // the _8 names below work whatever width the includer chose

#include <cstdint>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

namespace airsight {

class PcrePattern {
public:
    /// How the subject's bytes are read: one character per byte, or UTF-8
    /// where invalid sequences simply do not match.
    enum class Encoding { bytes, utf8 };

    /// Throws std::invalid_argument "does not compile at offset N: <PCRE2's
    /// reason>"; the caller prefixes which line and pattern it was.
    explicit PcrePattern(std::string_view pattern, Encoding encoding = Encoding::bytes)
    {
        const std::uint32_t options = encoding == Encoding::utf8 ? PCRE2_UTF | PCRE2_MATCH_INVALID_UTF : 0;
        int error = 0;
        PCRE2_SIZE offset = 0;
        pcre2_code_8* code = pcre2_compile_8(reinterpret_cast<PCRE2_SPTR8>(pattern.data()), pattern.size(), options,
                                             &error, &offset, nullptr);
        if (!code) {
            PCRE2_UCHAR8 message[256];
            pcre2_get_error_message_8(error, message, sizeof message);
            throw std::invalid_argument("does not compile at offset " + std::to_string(offset) + ": " +
                                        reinterpret_cast<const char*>(message));
        }
        code_.reset(code, [](pcre2_code_8* c) { pcre2_code_free_8(c); });
        pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE); // optional speed-up: the interpreter works without it
    }

    /// True when the pattern matches somewhere in `subject`; safe from
    /// several threads at once (match data is per thread). Copies share the
    /// compiled pattern, which PCRE2 never changes after compiling.
    bool found_in(std::string_view subject) const
    {
        const int rc = pcre2_match_8(code_.get(), reinterpret_cast<PCRE2_SPTR8>(subject.data()), subject.size(), 0, 0,
                                     thread_match_data(), nullptr);
        return rc >= 0; // 0: matched, ovector too small; < 0: no match or a limit hit
    }

private:
    // pcre2_match writes into its match data, so each thread has its own
    // block; one ovector pair is enough to learn "matched".
    static pcre2_match_data_8* thread_match_data()
    {
        struct Holder {
            pcre2_match_data_8* data = pcre2_match_data_create_8(1, nullptr);
            ~Holder() { pcre2_match_data_free_8(data); }
        };
        thread_local Holder holder;
        if (!holder.data) throw std::bad_alloc();
        return holder.data;
    }

    std::shared_ptr<pcre2_code_8> code_;
};

} // namespace airsight

#endif
