#include "http/http_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <stdexcept>

namespace airsight::core {
namespace {

class RequestHandler : public Poco::Net::HTTPRequestHandler {
public:
    RequestHandler(Dispatcher& dispatcher, std::size_t max_body) : dispatcher_(dispatcher), max_body_(max_body) {}

    void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override
    {
        RawRequest raw;
        raw.method = req.getMethod();
        raw.uri = req.getURI();
        raw.authorization = req.get("Authorization", "");
        raw.cookie = req.get("Cookie", "");
        raw.content_type = req.getContentType();

        RawResponse out;
        bool keep_alive = true;
        if (read_body(req, raw.body)) {
            out = dispatcher_.handle(raw);
        } else {
            out = Dispatcher::error(413, "request body is larger than the limit of " + std::to_string(max_body_) +
                                             " bytes (httpd_max_body)");
            keep_alive = false; // the rest of the body is still on the socket
        }

        resp.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status));
        if (!out.content_type.empty()) resp.setContentType(out.content_type);
        for (const auto& [name, value] : out.headers) resp.add(name, value);
        resp.set("Cache-Control", "no-cache");
        resp.setKeepAlive(keep_alive && req.getKeepAlive());
        resp.setContentLength64(static_cast<Poco::Int64>(out.body.size()));
        std::ostream& body = resp.send();
        if (raw.method != "HEAD") body.write(out.body.data(), static_cast<std::streamsize>(out.body.size()));
    }

private:
    // Reads the body, refusing (false) anything over the limit without
    // buffering more than limit + 1 bytes.
    bool read_body(Poco::Net::HTTPServerRequest& req, std::string& body) const
    {
        if (req.hasContentLength() && static_cast<std::uint64_t>(req.getContentLength64()) > max_body_) return false;
        std::istream& in = req.stream();
        char buffer[8192];
        while (in) {
            in.read(buffer, sizeof buffer);
            body.append(buffer, static_cast<std::size_t>(in.gcount()));
            if (body.size() > max_body_) return false;
        }
        return true;
    }

    Dispatcher& dispatcher_;
    std::size_t max_body_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    HandlerFactory(Dispatcher& dispatcher, std::size_t max_body) : dispatcher_(dispatcher), max_body_(max_body) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        // One handler for every request: the Dispatcher does the routing,
        // so misses get explicit 404/405 answers instead of Poco's 501.
        return new RequestHandler(dispatcher_, max_body_);
    }

private:
    Dispatcher& dispatcher_;
    std::size_t max_body_;
};

} // namespace

HttpServer::HttpServer(Dispatcher& dispatcher, HttpServerOptions options)
    : dispatcher_(dispatcher), options_(std::move(options))
{
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start()
{
    Poco::Net::ServerSocket socket;
    try {
        socket.bind(Poco::Net::SocketAddress(options_.bind_address, options_.port), true);
        socket.listen(64);
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("cannot listen on " + options_.bind_address + ":" + std::to_string(options_.port) +
                                 ": " + e.displayText() + " (set httpd_bind_address / httpd_port)");
    }
    bound_port_ = socket.address().port();

    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(options_.max_threads);
    params->setMaxQueued(256);
    params->setKeepAlive(true);
    params->setTimeout(Poco::Timespan(30, 0));
    pool_ = std::make_unique<Poco::ThreadPool>(2, options_.max_threads);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(dispatcher_, options_.max_body_bytes), *pool_,
                                                      socket, params);
    server_->start();
}

void HttpServer::stop()
{
    if (server_) {
        server_->stopAll(true);
        server_.reset();
    }
    if (pool_) {
        pool_->joinAll();
        pool_.reset();
    }
}

std::uint16_t HttpServer::port() const { return bound_port_; }

int HttpServer::current_connections() const { return server_ ? server_->currentConnections() : 0; }

} // namespace airsight::core
