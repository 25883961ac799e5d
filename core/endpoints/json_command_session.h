// A websocket session whose client sends JSON objects, one a message: the
// event bus's SUBSCRIBE/UNSUBSCRIBE and the device monitor's monitor/cancel.
// What cannot be used (bad JSON, not an object, a bad field spec) gets one
// text message {"error": "..."} and the websocket stays open.
#ifndef AIRSIGHT_CORE_ENDPOINTS_JSON_COMMAND_SESSION_H
#define AIRSIGHT_CORE_ENDPOINTS_JSON_COMMAND_SESSION_H

#include "query/field_query.h"

#include <airsight/value.h>
#include <airsight/websocket.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace airsight::core {

class JsonCommandSession : public WebSocketSession {
public:
    void on_open(std::shared_ptr<WebSocketPeer> peer) override { peer_ = std::move(peer); }
    /// Parses the message; calls on_command() with a JSON object, or answers an error.
    void on_text(std::string_view message) final;

protected:
    /// One client message, a JSON object.
    virtual void on_command(const Value& command) = 0;
    /// Sends {"error": why} to the client.
    void reply_error(const std::string& why);
    /// The command's "fields" spec (an empty query without one); nothing,
    /// and the error answered, when the spec is bad.
    std::optional<FieldQuery> fields_of(const Value& command, const FieldRegistry& registry);

    std::shared_ptr<WebSocketPeer> peer_; // set by on_open
};

} // namespace airsight::core

#endif
