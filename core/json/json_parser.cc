#include "json/json_parser.h"

#include <charconv>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>

namespace airsight::core {

JsonParseError::JsonParseError(std::size_t offset, std::string_view problem)
    : std::runtime_error("malformed JSON at offset " + std::to_string(offset) + ": " + std::string(problem)),
      offset_(offset)
{
}

std::size_t utf8_sequence_length(std::string_view s, std::size_t pos) noexcept
{
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) return 1;
    std::size_t len;
    std::uint32_t cp;
    std::uint32_t min;
    if ((c & 0xE0) == 0xC0) {
        len = 2, cp = c & 0x1Fu, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, cp = c & 0x0Fu, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, cp = c & 0x07u, min = 0x10000;
    } else {
        return 0; // a continuation byte or 0xF8..0xFF cannot start a character
    }
    if (len > s.size() - pos) return 0;
    for (std::size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[pos + i]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

namespace {

void append_utf8(std::string& out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// True when a decimal number that std::from_chars found out of range is tiny
// rather than huge: the power of ten of its first significant digit is < 0.
bool underflows(std::string_view num)
{
    std::size_t i = (num[0] == '-') ? 1 : 0;
    long magnitude = 0; // power of ten of the first significant digit
    bool found = false;
    const std::size_t int_begin = i;
    while (i < num.size() && is_digit(num[i])) ++i;
    const long int_len = static_cast<long>(i - int_begin);
    for (long k = 0; k < int_len && !found; ++k)
        if (num[int_begin + static_cast<std::size_t>(k)] != '0') found = true, magnitude = int_len - 1 - k;
    if (i < num.size() && num[i] == '.') {
        ++i;
        for (long k = 1; i < num.size() && is_digit(num[i]); ++i, ++k)
            if (!found && num[i] != '0') found = true, magnitude = -k;
    }
    long exponent = 0;
    if (i < num.size() && (num[i] == 'e' || num[i] == 'E')) {
        ++i;
        const bool negative = num[i] == '-';
        if (num[i] == '-' || num[i] == '+') ++i;
        for (; i < num.size(); ++i)
            if (exponent < 100000000) exponent = exponent * 10 + (num[i] - '0');
        if (negative) exponent = -exponent;
    }
    return magnitude + exponent < 0;
}

// A recursive-descent parser over one text. Recursion depth is bounded by
// kMaxJsonDepth, so hostile input cannot overflow the stack.
class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) {}

    Value parse_document()
    {
        skip_ws();
        if (pos_ == text_.size()) fail(text_.empty() ? "empty input" : "no value, only whitespace");
        Value v = parse_value(0);
        skip_ws();
        if (pos_ != text_.size()) fail("unexpected data after the value");
        return v;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;

    [[noreturn]] void fail(std::string_view problem) const { throw JsonParseError(pos_, problem); }
    [[noreturn]] void fail_at(std::size_t offset, std::string_view problem) const
    {
        throw JsonParseError(offset, problem);
    }
    [[noreturn]] void fail_expected(std::string_view what) const
    {
        if (pos_ >= text_.size()) fail("unexpected end of input, expected " + std::string(what));
        fail("expected " + std::string(what));
    }

    bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

    void skip_ws()
    {
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            ++pos_;
        }
    }

    // `depth` counts the containers already open around this value.
    Value parse_value(int depth)
    {
        if (pos_ >= text_.size()) fail_expected("a value");
        switch (text_[pos_]) {
        case '{':
        case '[':
            if (depth + 1 > kMaxJsonDepth) fail("nesting deeper than " + std::to_string(kMaxJsonDepth));
            return text_[pos_] == '{' ? parse_object(depth + 1) : parse_array(depth + 1);
        case '"': return Value(parse_string());
        case 't': return parse_literal("true", Value(true));
        case 'f': return parse_literal("false", Value(false));
        case 'n': return parse_literal("null", Value());
        default:
            if (at('-') || is_digit(text_[pos_])) return parse_number();
            fail_expected("a value");
        }
    }

    Value parse_object(int depth)
    {
        ++pos_; // '{'
        // Members are gathered first so a duplicate key (last wins) costs a
        // hash lookup, not a scan: a body of many keys must not be quadratic.
        std::vector<std::pair<std::string, Value>> members;
        std::unordered_map<std::string, std::size_t> index;
        skip_ws();
        if (at('}')) {
            ++pos_;
            return Value::map();
        }
        while (true) {
            if (!at('"')) fail_expected("a string key");
            std::string key = parse_string();
            skip_ws();
            if (!at(':')) fail_expected("':'");
            ++pos_;
            skip_ws();
            Value value = parse_value(depth);
            if (auto [it, added] = index.try_emplace(key, members.size()); added)
                members.emplace_back(std::move(key), std::move(value));
            else
                members[it->second].second = std::move(value);
            skip_ws();
            if (at('}')) {
                ++pos_;
                break;
            }
            if (!at(',')) fail_expected("',' or '}'");
            ++pos_;
            skip_ws();
        }
        Value obj = Value::map();
        for (auto& [key, value] : members) obj.append(std::move(key), std::move(value));
        return obj;
    }

    Value parse_array(int depth)
    {
        ++pos_; // '['
        Value arr = Value::array();
        skip_ws();
        if (at(']')) {
            ++pos_;
            return arr;
        }
        while (true) {
            arr.push(parse_value(depth));
            skip_ws();
            if (at(']')) {
                ++pos_;
                return arr;
            }
            if (!at(',')) fail_expected("',' or ']'");
            ++pos_;
            skip_ws();
        }
    }

    Value parse_literal(std::string_view word, Value v)
    {
        if (text_.substr(pos_, word.size()) != word) fail_expected("a value");
        pos_ += word.size();
        return v;
    }

    Value parse_number()
    {
        const std::size_t start = pos_;
        const bool negative = at('-');
        if (negative) ++pos_;
        if (pos_ >= text_.size() || !is_digit(text_[pos_])) fail_expected("a digit");
        if (text_[pos_] == '0') {
            ++pos_;
            if (pos_ < text_.size() && is_digit(text_[pos_])) fail("leading zero in a number");
        } else {
            skip_digits();
        }
        bool integral = true;
        if (at('.')) {
            integral = false;
            ++pos_;
            if (pos_ >= text_.size() || !is_digit(text_[pos_])) fail_expected("a digit after '.'");
            skip_digits();
        }
        if (at('e') || at('E')) {
            integral = false;
            ++pos_;
            if (at('+') || at('-')) ++pos_;
            if (pos_ >= text_.size() || !is_digit(text_[pos_])) fail_expected("a digit in the exponent");
            skip_digits();
        }
        const std::string_view num = text_.substr(start, pos_ - start);
        const char* first = num.data();
        const char* last = num.data() + num.size();
        if (integral) {
            std::int64_t i = 0;
            if (std::from_chars(first, last, i).ec == std::errc()) return Value(static_cast<long long>(i));
            std::uint64_t u = 0;
            if (!negative && std::from_chars(first, last, u).ec == std::errc())
                return Value(static_cast<unsigned long long>(u));
        }
        double d = 0;
        const auto res = std::from_chars(first, last, d);
        if (res.ec == std::errc()) return Value(d);
        if (underflows(num)) return Value(negative ? -0.0 : 0.0);
        fail_at(start, "number out of range");
    }

    void skip_digits()
    {
        while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }

    std::string parse_string()
    {
        ++pos_; // opening quote
        std::string out;
        while (true) {
            const std::size_t run = pos_;
            while (pos_ < text_.size()) {
                const auto c = static_cast<unsigned char>(text_[pos_]);
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
                ++pos_;
            }
            out.append(text_.substr(run, pos_ - run));
            if (pos_ >= text_.size()) fail("unexpected end of input in a string");
            const auto c = static_cast<unsigned char>(text_[pos_]);
            if (c == '"') {
                ++pos_;
                return out;
            }
            if (c < 0x20) fail("control character in a string");
            if (c >= 0x80) {
                const std::size_t len = utf8_sequence_length(text_, pos_);
                if (len == 0) fail("invalid UTF-8 in a string");
                out.append(text_.substr(pos_, len));
                pos_ += len;
                continue;
            }
            parse_escape(out);
        }
    }

    void parse_escape(std::string& out)
    {
        const std::size_t start = pos_;
        ++pos_; // backslash
        if (pos_ >= text_.size()) fail("unexpected end of input in a string");
        const char c = text_[pos_++];
        switch (c) {
        case '"': out += '"'; return;
        case '\\': out += '\\'; return;
        case '/': out += '/'; return;
        case 'b': out += '\b'; return;
        case 'f': out += '\f'; return;
        case 'n': out += '\n'; return;
        case 'r': out += '\r'; return;
        case 't': out += '\t'; return;
        case 'u': break;
        default: fail_at(start, "invalid escape '\\" + std::string(1, c) + "'");
        }
        std::uint32_t cp = parse_hex4();
        if (cp >= 0xDC00 && cp <= 0xDFFF) fail_at(start, "lone low surrogate");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (text_.substr(pos_, 2) != "\\u") fail_at(start, "lone high surrogate");
            pos_ += 2;
            const std::uint32_t low = parse_hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail_at(start, "lone high surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, cp);
    }

    std::uint32_t parse_hex4()
    {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i, ++pos_) {
            if (pos_ >= text_.size()) fail("unexpected end of input in a \\u escape");
            const char c = text_[pos_];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
            else fail("expected 4 hex digits after \\u");
        }
        return v;
    }
};

} // namespace

Value parse_json(std::string_view text) { return Parser(text).parse_document(); }

} // namespace airsight::core
