#include "datasources/datasource_manager.h"

#include "util/random_ids.h"

#include <stdexcept>

namespace airsight::core {

// One source: the driver's Datasource plus the state the server keeps about
// it. It is the driver's PacketSink, so frames go from the driver's thread
// straight into the packet chain.
class DatasourceManager::Source : public PacketSink {
public:
    Source(DatasourceManager& owner, std::uint64_t number, SourceDefinition definition, ChannelSettings channels,
           std::shared_ptr<DatasourceType> type, std::unique_ptr<Datasource> driver)
        : owner_(owner), number_(number), uuid_(random_uuid()), definition_(std::move(definition)),
          channels_(std::move(channels)), type_(std::move(type)), driver_(std::move(driver)), lane_(owner.chain_.open_lane())
    {
        name_ = definition_.option("name").value_or(definition_.interface);
    }
    ~Source() override { close(); }

    const std::string& uuid() const { return uuid_; }

    void open()
    {
        std::lock_guard op(op_mutex_);
        if (open_) return;
        {
            std::lock_guard lock(state_mutex_);
            error_ = false;
            error_reason_.clear();
        }
        try {
            if (!driver_) driver_ = type_->create(definition_); // re-opening after a close
            open_ = true;
            running_ = true;
            driver_->open(*this);
            try {
                apply_channel_settings();
            } catch (...) {
                driver_->close();
                throw;
            }
            owner_.bus_.post("Source '" + name_ + "' (" + type_->name() + ") opened: " + definition_.text, MSG_INFO);
        } catch (const std::exception& e) {
            driver_.reset();
            open_ = false;
            running_ = false;
            record_error(e.what());
        }
    }

    void close()
    {
        std::lock_guard op(op_mutex_);
        if (!driver_) return;
        driver_->close();
        last_status_ = driver_->status();
        driver_.reset();
        open_ = false;
        running_ = false;
    }

    void pause(bool paused) { paused_ = paused; }

    template <typename F> void tune(F&& f)
    {
        std::lock_guard op(op_mutex_);
        if (!open_) throw std::invalid_argument("source '" + name_ + "' is closed; open it first");
        f(*driver_);
    }

    SourceSnapshot snapshot() const
    {
        SourceSnapshot s;
        s.number = number_;
        s.uuid = uuid_;
        s.name = name_;
        s.definition = definition_.text;
        s.interface = definition_.interface;
        s.type = type_;
        s.running = running_;
        s.paused = paused_;
        s.packets = packets_;
        s.error_packets = error_packets_;
        s.dropped = dropped_;
        s.packets_rrd = packets_rrd_.snapshot();
        s.datasize_rrd = datasize_rrd_.snapshot();
        {
            std::lock_guard op(op_mutex_);
            s.status = driver_ ? driver_->status() : last_status_;
        }
        std::lock_guard lock(state_mutex_);
        s.error = error_;
        s.error_reason = error_reason_;
        return s;
    }

    // --- PacketSink, called on the driver's thread ---------------------------
    void deliver(const CapturedFrame& frame) override
    {
        if (paused_) {
            ++dropped_;
            owner_.chain_.count_dropped();
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

    void sample_rates(std::int64_t now_sec)
    {
        packets_rrd_.add_total(packets_.load(std::memory_order_relaxed), now_sec);
        datasize_rrd_.add_total(bytes_.load(std::memory_order_relaxed), now_sec);
    }

    void failed(std::string_view reason) override
    {
        running_ = false;
        record_error(std::string(reason));
    }

    void finished() override
    {
        running_ = false;
        owner_.bus_.post("Source '" + name_ + "' finished after " + std::to_string(packets_.load()) + " packets",
                         MSG_INFO);
    }

private:
    // op_mutex_ held, the driver open. A type that cannot hop keeps its channel
    // when hopping is asked for; one that cannot tune is left alone.
    void apply_channel_settings()
    {
        const DatasourceCapabilities can = type_->capabilities();
        if (channels_.channel) {
            if (can.tune) driver_->set_channel(*channels_.channel);
            return;
        }
        const SourceStatus status = driver_->status();
        if (channels_.hop) {
            const std::vector<std::string>& list = status.hop_channels.empty() ? status.channels : status.hop_channels;
            if (can.hop && !list.empty()) driver_->set_hop(channels_.hop_rate, list);
        } else if (can.tune && !status.channels.empty()) {
            driver_->set_channel(status.channel.empty() ? status.channels.front() : status.channel);
        }
    }

    void record_error(const std::string& reason)
    {
        {
            std::lock_guard lock(state_mutex_);
            error_ = true;
            error_reason_ = reason;
        }
        owner_.bus_.post("Source '" + name_ + "' failed: " + reason, MSG_ERROR);
        if (owner_.alerts_)
            owner_.alerts_->raise(owner_.source_error_,
                                  {.text = "Data source " + name_ + " (" + uuid_ + ") has encountered an error: " + reason});
    }

    DatasourceManager& owner_;
    const std::uint64_t number_;
    const std::string uuid_;
    const SourceDefinition definition_;
    const ChannelSettings channels_;
    const std::shared_ptr<DatasourceType> type_;
    std::string name_;

    mutable std::mutex op_mutex_; // serializes open/close/tune and guards driver_ and open_
    std::unique_ptr<Datasource> driver_;
    const std::unique_ptr<PacketChain::Lane> lane_; // the driver's thread delivers through it
    bool open_ = false;
    SourceStatus last_status_;    // what a closed source last reported

    mutable std::mutex state_mutex_; // guards the error state, set from the driver's thread
    bool error_ = false;
    std::string error_reason_;

    std::atomic<bool> running_{false};
    std::atomic<bool> paused_{false};
    std::atomic<std::uint64_t> packets_{0};
    std::atomic<std::uint64_t> error_packets_{0};
    std::atomic<std::uint64_t> dropped_{0};
    std::atomic<std::uint64_t> bytes_{0};
    SampledRrd packets_rrd_;
    SampledRrd datasize_rrd_;
};

ChannelSettings ChannelSettings::of(const SourceDefinition& definition, const ChannelDefaults& defaults)
{
    ChannelSettings s;
    s.channel = definition.option("channel");
    if (s.channel && s.channel->empty()) throw std::invalid_argument("source option channel= is empty");
    s.hop = definition.flag("channel_hop", defaults.hop);
    s.hop_rate = definition.hop_rate("channel_hop_speed").value_or(defaults.hop_rate);
    return s;
}

DatasourceManager::DatasourceManager(DatasourceTypes& types, PacketChain& chain, MessageBus& bus,
                                     ChannelDefaults defaults)
    : types_(types), chain_(chain), bus_(bus), defaults_(defaults)
{
}

DatasourceManager::~DatasourceManager() { close_all(); }

void DatasourceManager::raise_errors_on(AlertTracker& alerts)
{
    // Kismet's definition (datasourcetracker.cc): 1/sec, bursts of 10.
    source_error_ = alerts.define({
        .name = "SOURCEERROR",
        .alert_class = "SYSTEM",
        .severity = AlertSeverity::HIGH,
        .description = "A data source encountered an error.  Depending on the source configuration Kismet may "
                       "automatically attempt to re-open the source.",
        .throttle = "1/sec",
        .burst = "10/sec",
    });
    alerts_ = &alerts;
}

void DatasourceManager::sample_rates(std::int64_t now_sec)
{
    std::lock_guard lock(mutex_);
    for (const auto& source : sources_) source->sample_rates(now_sec);
}

std::string DatasourceManager::add(std::string_view text)
{
    SourceDefinition definition = SourceDefinition::parse(text);
    std::shared_ptr<DatasourceType> type = types_.choose(definition);
    // Creating validates the definition: a refusal adds nothing.
    ChannelSettings channels = ChannelSettings::of(definition, defaults_);
    // A lock the source could not honour is refused, not quietly dropped.
    if (channels.channel && !type->capabilities().tune)
        throw std::invalid_argument("source option channel=" + *channels.channel + ": a " + type->name() +
                                    " source cannot tune to a channel");
    std::unique_ptr<Datasource> driver = type->create(definition);
    Source* source = nullptr;
    {
        std::lock_guard lock(mutex_);
        sources_.push_back(std::make_unique<Source>(*this, next_number_++, std::move(definition), std::move(channels),
                                                    std::move(type), std::move(driver)));
        source = sources_.back().get();
    }
    source->open(); // outside the lock: opening may take a while
    return source->uuid();
}

DatasourceManager::Source& DatasourceManager::get(std::string_view uuid) const
{
    std::lock_guard lock(mutex_);
    for (const auto& s : sources_)
        if (s->uuid() == uuid) return *s;
    throw std::out_of_range("no datasource with UUID " + std::string(uuid));
}

std::vector<SourceSnapshot> DatasourceManager::snapshot() const
{
    std::vector<Source*> sources;
    {
        std::lock_guard lock(mutex_);
        for (const auto& s : sources_) sources.push_back(s.get());
    }
    std::vector<SourceSnapshot> out;
    for (Source* s : sources) out.push_back(s->snapshot());
    return out;
}

std::optional<SourceSnapshot> DatasourceManager::find(std::string_view uuid) const
{
    try {
        return get(uuid).snapshot();
    } catch (const std::out_of_range&) {
        return std::nullopt;
    }
}

void DatasourceManager::open(std::string_view uuid) { get(uuid).open(); }
void DatasourceManager::close(std::string_view uuid) { get(uuid).close(); }
void DatasourceManager::pause(std::string_view uuid) { get(uuid).pause(true); }
void DatasourceManager::resume(std::string_view uuid) { get(uuid).pause(false); }

void DatasourceManager::set_channel(std::string_view uuid, std::string_view channel)
{
    get(uuid).tune([&](Datasource& d) { d.set_channel(channel); });
}

void DatasourceManager::set_hop(std::string_view uuid, double rate, const std::vector<std::string>& channels)
{
    get(uuid).tune([&](Datasource& d) { d.set_hop(rate, channels); });
}

void DatasourceManager::close_all()
{
    std::vector<Source*> sources;
    {
        std::lock_guard lock(mutex_);
        for (const auto& s : sources_) sources.push_back(s.get());
    }
    for (Source* s : sources) s->close();
}

} // namespace airsight::core

namespace airsight::core {

void DatasourceManager::clear()
{
    close_all();
    std::vector<std::unique_ptr<Source>> gone;
    {
        std::lock_guard lock(mutex_);
        gone.swap(sources_);
    }
}

} // namespace airsight::core
