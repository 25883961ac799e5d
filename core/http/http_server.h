// The socket side of the REST API: Poco's HTTPServer feeding the Dispatcher.
#pragma once

#include "http/dispatcher.h"

#include <cstdint>
#include <memory>
#include <string>

namespace Poco::Net {
class HTTPServer;
}
namespace Poco {
class ThreadPool;
}

namespace airsight::core {

struct HttpServerOptions {
    std::string bind_address = "127.0.0.1";
    std::uint16_t port = 2501;       // 0 picks a free port (see HttpServer::port())
    int max_threads = 16;
    std::size_t max_body_bytes = 1 << 20;
};

class HttpServer {
public:
    HttpServer(Dispatcher& dispatcher, HttpServerOptions options);
    ~HttpServer();

    /// Binds and starts serving; throws std::runtime_error with the address
    /// and the reason when the socket cannot be bound.
    void start();
    /// Stops accepting and closes open connections.
    void stop();

    std::uint16_t port() const;
    int current_connections() const;

private:
    Dispatcher& dispatcher_;
    HttpServerOptions options_;
    std::unique_ptr<Poco::ThreadPool> pool_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    std::uint16_t bound_port_ = 0;
};

} // namespace airsight::core
