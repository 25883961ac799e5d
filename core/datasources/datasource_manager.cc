#include "datasources/datasource_manager.h"

#include <algorithm>
#include <stdexcept>

namespace airsight::core {

DatasourceManager::DatasourceManager(DatasourceTypes& types, PacketChain& chain, MessageBus& bus,
                                     SourceDefaults defaults)
    : types_(types), chain_(chain), bus_(bus), defaults_(defaults)
{
}

DatasourceManager::~DatasourceManager() { close_all(); }

std::vector<std::shared_ptr<ManagedSource>> DatasourceManager::all() const
{
    std::lock_guard lock(mutex_);
    return sources_;
}

void DatasourceManager::raise_errors_on(AlertTracker& alerts)
{
    // Kismet's definition (datasourcetracker.cc): 1/sec, bursts of 10.
    fault_alert_.source_error = alerts.define({
        .name = "SOURCEERROR",
        .alert_class = "SYSTEM",
        .severity = AlertSeverity::HIGH,
        .description = "A data source encountered an error.  Depending on the source configuration Kismet may "
                       "automatically attempt to re-open the source.",
        .throttle = "1/sec",
        .burst = "10/sec",
    });
    fault_alert_.alerts = &alerts;
}

void DatasourceManager::sample_rates(std::int64_t now_sec)
{
    std::lock_guard lock(mutex_);
    for (const auto& source : sources_) source->sample_rates(now_sec);
}

void DatasourceManager::retry_due(ManagedSource::Clock::time_point now)
{
    for (const auto& s : all())
        if (s->retry_if_due(now)) split_hopping(*s);
}

std::string DatasourceManager::add(std::string_view text)
{
    SourceDefinition definition = SourceDefinition::parse(text);
    std::shared_ptr<DatasourceType> type = types_.choose(definition);
    // Creating validates the definition: a refusal adds nothing.
    ChannelSettings channels = ChannelSettings::of(definition, defaults_);
    const bool retry = retry_of(definition, defaults_);
    // A lock the source could not honour is refused, not quietly dropped.
    if (channels.channel && !type->capabilities().tune)
        throw std::invalid_argument("source option channel=" + *channels.channel + ": a " + type->name() +
                                    " source cannot tune to a channel");
    std::unique_ptr<Datasource> driver = type->create(definition);
    std::shared_ptr<ManagedSource> source;
    {
        std::lock_guard lock(mutex_);
        source = std::make_shared<ManagedSource>(next_number_++, std::move(definition), std::move(channels), retry,
                                                 std::move(type), std::move(driver), chain_, bus_, fault_alert_);
        sources_.push_back(source);
    }
    // Outside the lock: opening may take a while.
    switch (source->open_first()) {
    case ManagedSource::Opened::Yes: split_hopping(*source); break;
    case ManagedSource::Opened::Failed: break;
    case ManagedSource::Opened::ChannelsRefused: {
        {
            std::lock_guard lock(mutex_);
            std::erase(sources_, source);
        }
        throw std::invalid_argument(source->snapshot().error_reason);
    }
    }
    return source->uuid();
}

std::shared_ptr<ManagedSource> DatasourceManager::get(std::string_view uuid) const
{
    std::lock_guard lock(mutex_);
    for (const auto& s : sources_)
        if (s->uuid() == uuid) return s;
    throw std::out_of_range("no datasource with UUID " + std::string(uuid));
}

std::vector<SourceSnapshot> DatasourceManager::snapshot() const
{
    std::vector<SourceSnapshot> out;
    for (const auto& s : all()) out.push_back(s->snapshot());
    return out;
}

std::optional<SourceSnapshot> DatasourceManager::find(std::string_view uuid) const
{
    try {
        return get(uuid)->snapshot();
    } catch (const std::out_of_range&) {
        return std::nullopt;
    }
}

void DatasourceManager::open(std::string_view uuid)
{
    const auto source = get(uuid);
    if (source->open() == ManagedSource::Opened::Yes) split_hopping(*source);
}

void DatasourceManager::close(std::string_view uuid) { get(uuid)->close(); }
void DatasourceManager::pause(std::string_view uuid) { get(uuid)->pause(true); }
void DatasourceManager::resume(std::string_view uuid) { get(uuid)->pause(false); }

void DatasourceManager::set_channel(std::string_view uuid, std::string_view channel)
{
    get(uuid)->set_channel(channel);
}

void DatasourceManager::set_hop(std::string_view uuid, double rate, const std::vector<std::string>& channels)
{
    get(uuid)->set_hop(rate, channels); // keeps its offset, unsplit again, as in Kismet
}

// Kismet's split (datasourcetracker's chansplit worker): the open sources of
// one type whose channel lists hold the same channels each hop over the whole
// list, the n-th (here in order of creation, so a source keeps its place when
// another joins) starting channels / sources * n into it. Sources that are
// locked, closed or failed take no part; nothing is re-split when one leaves,
// since every source still covers every channel.
void DatasourceManager::split_hopping(const ManagedSource& changed)
{
    if (!defaults_.split_hopping) return;
    std::lock_guard split(split_mutex_);
    const std::optional<std::vector<std::string>> list = changed.hopping_over();
    if (!list) return;
    auto sorted = [](std::vector<std::string> v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    const std::vector<std::string> channels = sorted(*list);
    struct Peer {
        std::shared_ptr<ManagedSource> source;
        std::vector<std::string> list;
    };
    std::vector<Peer> peers;
    for (const auto& s : all()) { // in order of creation
        if (s->type_name() != changed.type_name()) continue;
        if (auto other = s->hopping_over(); other && sorted(*other) == channels) peers.push_back({s, *other});
    }
    for (std::size_t i = 0; i < peers.size(); ++i)
        peers[i].source->split_hop(peers[i].list, split_offset(peers[i].list.size(), peers.size(), i),
                                   peers.size() > 1);
}

void DatasourceManager::close_all()
{
    for (const auto& s : all()) s->close();
}

void DatasourceManager::clear()
{
    close_all();
    std::vector<std::shared_ptr<ManagedSource>> gone;
    {
        std::lock_guard lock(mutex_);
        gone.swap(sources_);
    }
}

std::string DatasourceManager::uuid_of(std::uint64_t number) const
{
    std::lock_guard lock(mutex_);
    for (const auto& s : sources_)
        if (s->number() == number) return s->uuid();
    return {};
}

} // namespace airsight::core
