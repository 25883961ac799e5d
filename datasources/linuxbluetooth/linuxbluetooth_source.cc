#include "linuxbluetooth_source.h"

#include "errors.h"
#include "hci_socket.h"
#include "mgmt_socket.h"
#include "monitor_frame.h"
#include "rfkill.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <vector>

namespace airsight::linuxbluetooth {

namespace {

using Clock = std::chrono::steady_clock;

// The longest the capture thread waits before it looks at stop_ and its
// discovery plan again: close() takes at most this.
constexpr std::chrono::milliseconds kPollSlice{100};
// How long to wait before asking again when another program's discovery
// holds the controller (Start Discovery answered Busy).
constexpr std::chrono::seconds kBusyRetry{1};
// How long a Start Discovery may go unanswered before it is sent again.
constexpr std::chrono::seconds kAnswerTimeout{5};
// Monitor messages read in one go before the management socket gets a look.
constexpr int kMonitorBatch = 64;
// Commands close() sends are best effort: a vanished controller must not hold it long.
constexpr std::chrono::milliseconds kUndoTimeout{1000};

ControllerInfo read_info(MgmtSocket& control, std::uint16_t index, const std::string& interface)
{
    const auto info = decode_controller_info(control.checked(mgmt_op::kReadInfo, index));
    if (!info) throw BluetoothError("Read Controller Information on " + interface + ": the kernel's reply is too short");
    return *info;
}

std::string busy_warning(const std::string& interface)
{
    return "another program (bluetoothd, bluetoothctl, btmgmt) is discovering on " + interface +
           "; this source captures what that discovery finds and starts its own once it ends";
}

} // namespace

struct LinuxBluetoothSource::Session {
    std::optional<MgmtSocket> control;
    FileDescriptor monitor;
    std::uint8_t discovery_types = 0;
    bool started_discovery = false; // at least once: stop it on close
    bool powered_by_us = false;
    bool le_enabled_by_us = false;
};

LinuxBluetoothSource::LinuxBluetoothSource(std::string interface, std::uint16_t index)
    : interface_(std::move(interface)), index_(index)
{
    status_.capture_interface = interface_;
    status_.dlt = kDltBluetoothLinuxMonitor;
}

LinuxBluetoothSource::~LinuxBluetoothSource() { close(); }

void LinuxBluetoothSource::undo(Session& s) noexcept
{
    if (s.control) {
        const auto attempt = [&](std::uint16_t opcode, std::uint8_t value) {
            try {
                const std::uint8_t parameter[] = {value};
                (void)s.control->command(opcode, index_, parameter, kUndoTimeout);
            } catch (const std::exception&) {
                // Best effort: the controller may be gone (that is often why we close).
            }
        };
        if (s.started_discovery) attempt(mgmt_op::kStopDiscovery, s.discovery_types);
        if (s.le_enabled_by_us) attempt(mgmt_op::kSetLe, 0);
        if (s.powered_by_us) attempt(mgmt_op::kSetPowered, 0);
    }
    s.control.reset();
    s.monitor = FileDescriptor();
    s.started_discovery = s.le_enabled_by_us = s.powered_by_us = false;
}

void LinuxBluetoothSource::open(PacketSink& sink)
{
    std::lock_guard control(control_mutex_);
    if (thread_.joinable()) {
        if (!stop_.load()) throw std::runtime_error("linuxbluetooth source " + interface_ + " is already open");
        thread_.join(); // the last run stopped by itself (the controller vanished)
    }
    if (session_) { // the last run failed by itself and was never closed
        undo(*session_);
        session_.reset();
    }

    auto s = std::make_unique<Session>();
    ControllerInfo info;
    std::string warning;
    try {
        s->control.emplace(interface_);
        const auto list = decode_index_list(s->control->checked(mgmt_op::kReadIndexList, kNoController));
        if (!list) throw BluetoothError("Read Controller Index List: the kernel's reply is too short");
        if (std::find(list->begin(), list->end(), index_) == list->end())
            throw BluetoothError(missing_controller_message(interface_));
        info = read_info(*s->control, index_, interface_);
        // The monitor first, so no report between discovery's start and the thread is lost.
        s->monitor = open_hci_socket(Channel::monitor, interface_);

        if ((info.supported_settings & mgmt_setting::kLe) != 0 && (info.current_settings & mgmt_setting::kLe) == 0) {
            const std::uint8_t on[] = {1};
            (void)s->control->checked(mgmt_op::kSetLe, index_, on);
            s->le_enabled_by_us = true;
            info.current_settings |= mgmt_setting::kLe;
        }
        if ((info.current_settings & mgmt_setting::kPowered) == 0) {
            const std::uint8_t on[] = {1};
            const MgmtAnswer answer = s->control->command(mgmt_op::kSetPowered, index_, on);
            if (answer.status != mgmt_status::kSuccess) {
                // A blocked controller's answer is a plain Failed: rfkill tells why.
                if (const auto blocked = rfkill_state(interface_); blocked != RfkillState::unblocked)
                    throw BluetoothError(rfkill_message(interface_, blocked));
                throw BluetoothError(command_failure_message(mgmt_op::kSetPowered, answer.status, interface_, own_binary()));
            }
            s->powered_by_us = true;
            if (const auto settings = decode_settings(answer.parameters)) info.current_settings = *settings;
            info.current_settings |= mgmt_setting::kPowered;
        }
        s->discovery_types = info.discovery_types();
        if (s->discovery_types == 0)
            throw BluetoothError("Bluetooth controller " + interface_ +
                                 " has neither LE nor BR/EDR switched on, so it cannot discover; switch one on "
                                 "with: btmgmt --index " + std::to_string(index_) + " le on");
        const std::uint8_t types[] = {s->discovery_types};
        const MgmtAnswer answer = s->control->command(mgmt_op::kStartDiscovery, index_, types);
        if (answer.status == mgmt_status::kSuccess) s->started_discovery = true;
        else if (answer.status == mgmt_status::kBusy) warning = busy_warning(interface_);
        else throw BluetoothError(command_failure_message(mgmt_op::kStartDiscovery, answer.status, interface_, own_binary()));
    } catch (...) {
        undo(*s);
        throw;
    }
    session_ = std::move(s);
    {
        std::lock_guard lock(mutex_);
        status_ = SourceStatus{};
        status_.capture_interface = interface_;
        status_.hardware = info.description();
        status_.dlt = kDltBluetoothLinuxMonitor;
        status_.warning = warning;
    }
    stop_ = false;
    thread_ = std::thread([this, &sink] { run(sink); });
}

void LinuxBluetoothSource::close()
{
    stop_ = true;
    if (thread_.joinable() && thread_.get_id() == std::this_thread::get_id()) return; // from inside the sink
    std::lock_guard control(control_mutex_);
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (session_) undo(*session_);
    session_.reset();
}

SourceStatus LinuxBluetoothSource::status() const
{
    std::lock_guard lock(mutex_);
    return status_;
}

void LinuxBluetoothSource::run(PacketSink& sink)
{
    Session& s = *session_;
    MgmtSocket& control = *s.control;
    const int monitor = s.monitor.get();
    std::vector<std::uint8_t> buffer(kMonitorHeaderSize + 0xffff);
    // When to ask for discovery again; kNever while none is due. (A plain time
    // point: GCC 12 at -O1 took an optional one for uninitialized.)
    constexpr Clock::time_point kNever = Clock::time_point::max();
    Clock::time_point start_at = kNever;
    bool start_pending = false;                // a Start Discovery awaits its answer
    Clock::time_point answer_due{};            // ... until then
    const std::uint8_t types[] = {s.discovery_types};
    if (!s.started_discovery) start_at = Clock::now() + kBusyRetry;

    bool failed = false;
    const auto fail = [&](const std::string& reason) {
        if (stop_.load()) return; // closing: not a fault
        stop_ = true;
        failed = true;
        sink.failed(reason);
    };
    const auto set_warning = [&](std::string warning) {
        std::lock_guard lock(mutex_);
        status_.warning = std::move(warning);
    };
    const auto vanished = [&] {
        return "Bluetooth controller " + interface_ + " disappeared (unplugged, or its driver unloaded)";
    };

    // One monitor message: an event of this controller goes to the chain as
    // DLT 254; its removal ends the capture. False when the capture must stop.
    const auto read_monitor = [&]() -> std::optional<bool> {
        alignas(cmsghdr) char control_bytes[CMSG_SPACE(sizeof(timeval))];
        iovec io{buffer.data(), buffer.size()};
        msghdr message{};
        message.msg_iov = &io;
        message.msg_iovlen = 1;
        message.msg_control = control_bytes;
        message.msg_controllen = sizeof control_bytes;
        const ssize_t n = ::recvmsg(monitor, &message, 0);
        if (n < 0) {
            if (errno == EINTR) return true;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return std::nullopt;
            fail(socket_failure_message(Channel::monitor, "read", errno, interface_, own_binary()));
            return false;
        }
        const std::span<std::uint8_t> bytes(buffer.data(), static_cast<std::size_t>(n));
        const auto decoded = decode_monitor_message(bytes);
        if (!decoded || decoded->index != index_) return true;
        if (decoded->opcode == monitor_op::kDeleteIndex) {
            fail(vanished());
            return false;
        }
        if (!carries_captured_event(*decoded, index_)) return true;
        timeval when{};
        for (cmsghdr* c = CMSG_FIRSTHDR(&message); c != nullptr; c = CMSG_NXTHDR(&message, c))
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMP) std::memcpy(&when, CMSG_DATA(c), sizeof when);
        if (when.tv_sec == 0) ::gettimeofday(&when, nullptr); // the kernel gave none: now is within microseconds
        const auto frame_bytes = rewrite_as_linux_monitor_frame(bytes);
        CapturedFrame frame;
        frame.ts_sec = when.tv_sec;
        frame.ts_usec = static_cast<std::uint32_t>(when.tv_usec);
        frame.dlt = kDltBluetoothLinuxMonitor;
        frame.data = frame_bytes;
        frame.original_length = static_cast<std::uint32_t>(frame_bytes.size());
        sink.deliver(frame);
        return true;
    };

    // One management event about this controller. False when the capture must stop.
    const auto handle_event = [&](const MgmtEvent& event) -> bool {
        if (event.index != index_) return true;
        switch (event.code) {
        case mgmt_event::kIndexRemoved: fail(vanished()); return false;
        case mgmt_event::kNewSettings:
            if (const auto settings = decode_settings(event.parameters);
                settings && (*settings & mgmt_setting::kPowered) == 0) {
                const auto blocked = rfkill_state(interface_);
                fail(blocked != RfkillState::unblocked
                         ? rfkill_message(interface_, blocked)
                         : "Bluetooth controller " + interface_ +
                               " was powered off (by another program, such as bluetoothctl); it is powered on again "
                               "when the source re-opens");
                return false;
            }
            return true;
        case mgmt_event::kDiscovering:
            // The kernel ends every discovery after a while: start the next at once.
            if (const auto d = decode_discovering(event.parameters); d && !d->discovering && !start_pending)
                start_at = Clock::now();
            return true;
        case mgmt_event::kControllerError:
            set_warning("Bluetooth controller " + interface_ + " reported hardware error " +
                        std::to_string(event.parameters.empty() ? 0 : event.parameters[0]));
            return true;
        default: break;
        }
        const auto reply = decode_mgmt_reply(event);
        if (!reply || reply->opcode != mgmt_op::kStartDiscovery || !start_pending) return true;
        start_pending = false;
        if (reply->status == mgmt_status::kSuccess) {
            if (!s.started_discovery) set_warning("");
            s.started_discovery = true;
        } else if (reply->status == mgmt_status::kBusy) {
            set_warning(busy_warning(interface_));
            start_at = Clock::now() + kBusyRetry;
        } else {
            fail(command_failure_message(mgmt_op::kStartDiscovery, reply->status, interface_, own_binary()));
            return false;
        }
        return true;
    };

    while (!stop_.load()) {
        auto wait = kPollSlice;
        if (start_at != kNever)
            wait = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(start_at - Clock::now()),
                              std::chrono::milliseconds(0), kPollSlice);
        pollfd fds[2] = {{monitor, POLLIN, 0}, {control.fd(), POLLIN, 0}};
        if (::poll(fds, 2, static_cast<int>(wait.count())) < 0 && errno != EINTR) {
            fail(std::string("cannot wait for Bluetooth events on ") + interface_ + ": " + std::strerror(errno));
            break;
        }
        try {
            bool go_on = true;
            for (int i = 0; go_on && i < kMonitorBatch && (fds[0].revents & POLLIN) != 0; ++i) {
                const auto result = read_monitor();
                if (!result) break; // drained
                go_on = *result;
            }
            if (go_on && (fds[0].revents & (POLLERR | POLLHUP | POLLNVAL)) != 0 && (fds[0].revents & POLLIN) == 0) {
                fail("the Bluetooth monitor socket for " + interface_ + " reported an error");
                go_on = false;
            }
            while (go_on && (fds[1].revents & POLLIN) != 0) {
                const auto event = control.next_event();
                if (!event) break;
                go_on = handle_event(*event);
            }
            if (!go_on) break;
            const auto now = Clock::now();
            if (start_pending && now >= answer_due) { // lost: ask again
                start_pending = false;
                start_at = now;
            }
            if (start_at != kNever && now >= start_at && !stop_.load()) {
                start_at = kNever;
                control.send(mgmt_op::kStartDiscovery, index_, types);
                start_pending = true;
                answer_due = now + kAnswerTimeout;
            }
        } catch (const BluetoothError& e) {
            fail(e.what());
            break;
        }
    }
    // A failed source may wait long for its close (retry=false): its monitor
    // socket would fill with every controller's traffic meanwhile. The
    // management socket stays, for close() to undo what open() changed.
    if (failed) s.monitor = FileDescriptor();
}

} // namespace airsight::linuxbluetooth
