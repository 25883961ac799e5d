#include "datasources/managed_source.h"

#include "util/random_ids.h"

#include <stdexcept>

namespace airsight::core {

namespace {

// A channel setting the driver refused at the first open: the definition
// asks for something this source cannot do, which no retry will change.
struct ChannelsRefused : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

std::string failures(std::uint32_t n) { return std::to_string(n) + (n == 1 ? " failure" : " failures"); }

} // namespace

ManagedSource::ManagedSource(std::uint64_t number, SourceDefinition definition, ChannelSettings channels, bool retry,
                             std::shared_ptr<DatasourceType> type, std::unique_ptr<Datasource> driver,
                             PacketChain& chain, MessageBus& bus, FaultAlert fault_alert)
    : number_(number), uuid_(random_uuid()), definition_(std::move(definition)), settings_(std::move(channels)),
      retry_(retry), type_(std::move(type)), type_name_(type_->name()), chain_(chain), bus_(bus),
      fault_alert_(fault_alert),
      name_(definition_.option("name").value_or(definition_.interface)), driver_(std::move(driver)),
      lane_(chain.open_lane())
{
}

ManagedSource::~ManagedSource() { close(); }

ManagedSource::Opened ManagedSource::open_first()
{
    std::lock_guard op(op_mutex_);
    {
        std::lock_guard lock(state_mutex_);
        wanted_ = true;
    }
    return open_locked(true, false);
}

ManagedSource::Opened ManagedSource::open()
{
    std::lock_guard op(op_mutex_);
    bool failed = false;
    {
        std::lock_guard lock(state_mutex_);
        wanted_ = true;
        retry_at_.reset(); // asked for now: no need to wait for the retry
        failed = error_;
    }
    if (open_ && !failed) return Opened::Yes;
    close_driver_locked(); // a driver that failed: its thread has ended, join it
    return open_locked(false, false);
}

void ManagedSource::close()
{
    std::lock_guard op(op_mutex_);
    {
        std::lock_guard lock(state_mutex_);
        wanted_ = false; // a failure reported while closing schedules nothing
        retry_at_.reset();
    }
    close_driver_locked();
}

bool ManagedSource::retry_if_due(Clock::time_point now)
{
    std::lock_guard op(op_mutex_);
    {
        std::lock_guard lock(state_mutex_);
        if (!retry_at_ || now < *retry_at_) return false;
        retry_at_.reset();
        if (!wanted_) return false;
    }
    bus_.post("Attempting to re-open source '" + name_ + "'", MSG_INFO);
    close_driver_locked();
    return open_locked(false, true) == Opened::Yes;
}

// op_mutex_ held.
ManagedSource::Opened ManagedSource::open_locked(bool first, bool reopen)
{
    {
        std::lock_guard lock(state_mutex_);
        error_ = false;
        error_reason_.clear();
    }
    // After a failed open (the driver closed already, or never opened).
    const auto drop_driver = [this] {
        driver_.reset();
        open_ = false;
        running_ = false;
    };
    try {
        if (!driver_) driver_ = type_->create(definition_); // re-opening after a close
        open_ = true;
        running_ = true;
        driver_->open(*this);
        try {
            decide_plan_locked();
            apply_plan_locked();
        } catch (const std::invalid_argument& e) {
            driver_->close();
            if (first) throw ChannelsRefused(e.what());
            throw;
        } catch (...) {
            driver_->close();
            throw;
        }
    } catch (const ChannelsRefused& e) {
        drop_driver();
        std::lock_guard lock(state_mutex_);
        error_ = true;
        error_reason_ = e.what();
        return Opened::ChannelsRefused;
    } catch (const std::exception& e) {
        drop_driver();
        fault(e.what());
        return Opened::Failed;
    }
    {
        std::lock_guard lock(state_mutex_);
        retry_attempts_ = 0;
    }
    if (reopen)
        bus_.post("Source '" + name_ + "' (" + uuid_ + ") successfully re-opened", MSG_INFO);
    else
        bus_.post("Source '" + name_ + "' (" + type_name_ + ") opened: " + definition_.text, MSG_INFO);
    // What the driver found amiss at open (another program managing the
    // interface, say) goes to the bus too, not only to the source's record.
    if (const std::string warning = driver_->status().warning; !warning.empty())
        bus_.post("Source '" + name_ + "': " + warning, MSG_ERROR);
    return Opened::Yes;
}

// op_mutex_ held.
void ManagedSource::close_driver_locked()
{
    if (!driver_) return;
    driver_->close();
    last_status_ = driver_->status();
    driver_.reset();
    open_ = false;
    running_ = false;
}

// op_mutex_ held, the driver open. Turns the settings into a plan once, from
// the channels the driver has; later opens re-apply the plan as it is then
// (including set_channel/set_hop given since), as Kismet re-applies a
// re-opened source's channel or hop.
void ManagedSource::decide_plan_locked()
{
    if (plan_.decided) return;
    const DatasourceCapabilities can = type_->capabilities();
    const SourceStatus status = driver_->status();
    ChannelPlan plan;
    plan.decided = true;
    plan.hop_rate = settings_.hop_rate;
    if (can.hop) plan.hop_channels = hop_list_of(status);
    if (settings_.channel) {
        plan.locked = settings_.channel;
    } else if (!settings_.hop) {
        // Stays on its first channel; a type that cannot tune is left alone.
        if (can.tune && !status.channels.empty())
            plan.locked = status.channel.empty() ? status.channels.front() : status.channel;
        else
            plan.hop_channels.clear();
    } // else it hops, if its type can: one that cannot keeps its channel

    plan_ = std::move(plan);
}

// op_mutex_ held, the driver open. A type that cannot hop keeps its channel
// when hopping is asked for; one that cannot tune is left alone.
void ManagedSource::apply_plan_locked()
{
    const DatasourceCapabilities can = type_->capabilities();
    if (plan_.locked) {
        if (can.tune) driver_->set_channel(*plan_.locked);
    } else if (plan_.hopping() && can.hop) {
        driver_->set_hop(plan_.hop_rate, plan_.hop_order());
    }
}

void ManagedSource::set_channel(std::string_view channel)
{
    std::lock_guard op(op_mutex_);
    if (!open_) throw std::invalid_argument("source '" + name_ + "' is closed; open it first");
    driver_->set_channel(channel);
    plan_.locked = std::string(channel);
}

void ManagedSource::set_hop(double rate, const std::vector<std::string>& channels)
{
    std::lock_guard op(op_mutex_);
    if (!open_) throw std::invalid_argument("source '" + name_ + "' is closed; open it first");
    ChannelPlan plan = plan_; // the split's offset stays, as in Kismet
    plan.locked.reset();
    plan.hop_rate = rate;
    plan.hop_channels = channels;
    driver_->set_hop(plan.hop_rate, plan.hop_order());
    plan_ = std::move(plan);
}

std::optional<std::vector<std::string>> ManagedSource::hopping_over() const
{
    std::lock_guard op(op_mutex_);
    if (!open_ || !running_ || !plan_.hopping() || !type_->capabilities().hop) return std::nullopt;
    return plan_.hop_channels;
}

void ManagedSource::split_hop(const std::vector<std::string>& channels, std::size_t offset, bool split)
{
    std::lock_guard op(op_mutex_);
    if (!open_ || !plan_.hopping() || plan_.hop_channels != channels) return; // changed meanwhile
    if (plan_.hop_offset == offset && plan_.hop_split == split) return;
    ChannelPlan plan = plan_;
    plan.hop_offset = offset;
    plan.hop_split = split;
    try {
        driver_->set_hop(plan.hop_rate, plan.hop_order());
        plan_ = std::move(plan);
    } catch (const std::exception& e) {
        bus_.post("Source '" + name_ + "' refused its share of the split hop list: " + e.what(), MSG_ERROR);
    }
}

SourceSnapshot ManagedSource::snapshot() const
{
    SourceSnapshot s;
    // The driver's status first: what it reports done (a finite source's
    // last frame, its finish) already shows in the counters read after it.
    {
        std::lock_guard op(op_mutex_);
        s.status = driver_ ? driver_->status() : last_status_;
        if (!plan_.hop_channels.empty()) s.status.hop_channels = plan_.hop_channels;
        s.hop_offset = plan_.hop_offset;
        s.hop_split = plan_.hop_split;
    }
    s.number = number_;
    s.uuid = uuid_;
    s.name = name_;
    s.definition = definition_.text;
    s.interface = definition_.interface;
    s.type = type_;
    s.retry = retry_;
    s.running = running_;
    s.paused = paused_;
    s.packets = packets_;
    s.error_packets = error_packets_;
    s.dropped = dropped_;
    s.packets_rrd = packets_rrd_.snapshot();
    s.datasize_rrd = datasize_rrd_.snapshot();
    std::lock_guard lock(state_mutex_);
    s.error = error_;
    s.error_reason = error_reason_;
    s.retry_attempts = retry_attempts_;
    s.total_retry_attempts = total_retry_attempts_;
    return s;
}

void ManagedSource::sample_rates(std::int64_t now_sec)
{
    packets_rrd_.add_total(packets_.load(std::memory_order_relaxed), now_sec);
    datasize_rrd_.add_total(bytes_.load(std::memory_order_relaxed), now_sec);
}

void ManagedSource::deliver(const CapturedFrame& frame)
{
    if (paused_) {
        ++dropped_;
        chain_.count_dropped();
        return;
    }
    Packet packet;
    packet.ts_sec = frame.ts_sec;
    packet.ts_usec = frame.ts_usec;
    packet.dlt = frame.dlt;
    packet.source_number = static_cast<std::uint32_t>(number_);
    packet.data = frame.data;
    packet.original_length = frame.original_length;
    lane_->process(packet);
    packets_.fetch_add(1, std::memory_order_relaxed);
    bytes_.fetch_add(frame.data.size(), std::memory_order_relaxed);
    if (packet.error) error_packets_.fetch_add(1, std::memory_order_relaxed);
}

void ManagedSource::failed(std::string_view reason) { fault(std::string(reason)); }

void ManagedSource::finished()
{
    running_ = false;
    bus_.post("Source '" + name_ + "' finished after " + std::to_string(packets_.load()) + " packets", MSG_INFO);
}

// The driver's thread (failed), or an open that failed (op_mutex_ held).
// Kismet's handling: a source that retries counts the failure and is opened
// again kSourceRetryInterval later (by DatasourceManager::retry_due, never on the
// failing thread); a second failure before that retry schedules nothing more.
void ManagedSource::fault(const std::string& reason)
{
    running_ = false;
    bool wanted = false;
    bool retrying = false;
    bool already_pending = false;
    std::uint32_t attempts = 0;
    {
        std::lock_guard lock(state_mutex_);
        error_ = true;
        error_reason_ = reason;
        wanted = wanted_;
        retrying = retry_ && wanted_;
        already_pending = retry_at_.has_value();
        if (retrying && !already_pending) {
            ++retry_attempts_;
            ++total_retry_attempts_;
            retry_at_ = Clock::now() + kSourceRetryInterval;
        }
        attempts = retry_attempts_;
    }
    const std::string what = "Source '" + name_ + "' (" + uuid_ + ") has encountered an error (" + reason + ")";
    if (fault_alert_.alerts) fault_alert_.alerts->raise(fault_alert_.source_error, {.text = what});
    if (!wanted)
        bus_.post(what + " while it was being closed", MSG_ERROR);
    else if (!retry_)
        bus_.post(what + " but is not configured to automatically re-try opening; it will remain closed", MSG_ERROR);
    else if (!already_pending)
        bus_.post(what + "; airsight will attempt to re-open the source in " +
                      std::to_string(kSourceRetryInterval.count()) + " seconds (" + failures(attempts) + ")",
                  MSG_ERROR);
}

} // namespace airsight::core
