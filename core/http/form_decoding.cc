#include "http/form_decoding.h"

#include <airsight/hex.h>

#include <stdexcept>

namespace airsight::core {
std::string percent_decode(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%') {
            const int hi = i + 1 < text.size() ? hex_digit_value(text[i + 1]) : -1;
            const int lo = i + 2 < text.size() ? hex_digit_value(text[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                throw std::invalid_argument("bad percent-escape at offset " + std::to_string(i) + " in form data");
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

FormFields parse_form(std::string_view body)
{
    FormFields fields;
    std::size_t i = 0;
    while (i <= body.size()) {
        std::size_t end = body.find('&', i);
        if (end == std::string_view::npos) end = body.size();
        std::string_view pair = body.substr(i, end - i);
        if (!pair.empty()) {
            const std::size_t eq = pair.find('=');
            std::string name = percent_decode(pair.substr(0, eq));
            std::string value = eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1));
            fields[std::move(name)] = std::move(value);
        }
        i = end + 1;
    }
    return fields;
}

} // namespace airsight::core
