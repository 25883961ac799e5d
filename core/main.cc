// airsight: parse the command line, build a Server, run until SIGINT/SIGTERM.
#include "app/paths.h"
#include "app/server.h"
#include "config/command_line.h"
#include "config/config_file.h"
#include "config/credentials.h"

#include <csignal>
#include <cstring>
#include <cstdio>
#include <iostream>
#include <pthread.h>

using namespace airsight::core;

int main(int argc, char** argv)
{
    CommandLine cli;
    try {
        cli = parse_command_line(argc, argv);
    } catch (const UsageError& e) {
        std::cerr << "airsight: " << e.what() << "\n\n" << usage_text();
        return 2;
    }
    if (cli.help) {
        std::cout << usage_text();
        return 0;
    }
    if (cli.version) {
        std::cout << "airsight " << AIRSIGHT_VERSION << "\n";
        return 0;
    }

    // Block the stop signals before any thread starts, so only sigwait() below sees them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    // A file-size limit (ulimit -f) then fails the write with EFBIG, which stops
    // the log that hit it, rather than killing the server.
    std::signal(SIGXFSZ, SIG_IGN);

    try {
        ServerSetup setup;
        if (cli.config_file) setup.config = ConfigFile::load(*cli.config_file);
        apply_command_line(cli, setup.config);
        setup.homedir = cli.homedir ? std::filesystem::path(*cli.homedir) : default_homedir();
        setup.executable = current_executable();

        Server server(std::move(setup));
        server.start();
        std::printf("airsight: listening on http://%s:%u/\n", server.bind_address().c_str(), server.port());
        std::fflush(stdout);

        int signal_number = 0;
        sigwait(&stop_signals, &signal_number);
        server.messages().post(std::string("Stopping on signal ") + strsignal(signal_number), airsight::MSG_INFO);
        server.stop();
        return 0;
    } catch (const ConfigError& e) {
        std::cerr << "airsight: configuration error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "airsight: " << e.what() << "\n";
        return 1;
    }
}
