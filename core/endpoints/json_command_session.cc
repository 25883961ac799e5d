#include "endpoints/json_command_session.h"

#include "json/json_parser.h"
#include "json/json_writers.h"

namespace airsight::core {

void JsonCommandSession::on_text(std::string_view message)
{
    Value command;
    try {
        command = parse_json(message);
    } catch (const JsonParseError& e) {
        return reply_error(std::string("malformed JSON: ") + e.what());
    }
    if (command.kind() != Value::Kind::Map) return reply_error("a message must be a JSON object");
    on_command(command);
}

void JsonCommandSession::reply_error(const std::string& why)
{
    Value v = Value::map();
    v.put("error", why);
    peer_->send_text(to_json(v));
}

std::optional<FieldQuery> JsonCommandSession::fields_of(const Value& command, const FieldRegistry& registry)
{
    const Value* fields = command.find("fields");
    if (!fields) return FieldQuery{};
    // The same parser as a REST request's `fields`, so errors read the same.
    Request request;
    request.command.put("fields", *fields);
    try {
        return parse_field_query(request, registry);
    } catch (const HttpError& e) {
        reply_error(e.what());
        return std::nullopt;
    }
}

} // namespace airsight::core
