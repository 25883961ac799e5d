#include "packetchain/packet_components.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace airsight::core {
namespace {

bool complete(const PacketComponentOps& ops) { return ops.create && ops.reset && ops.destroy && ops.type_name; }

} // namespace

PacketComponents::~PacketComponents()
{
    for (std::uint32_t slot = 0; slot < kMaxPacketComponents; ++slot) {
        if (!types_[slot]) continue;
        for (auto& w : workspaces_) types_[slot]->ops.destroy(std::exchange(w->instances[slot], nullptr));
    }
}

std::uint32_t PacketComponents::add(std::string name, const PacketComponentOps& ops, std::string owner)
{
    if (name.empty()) throw std::invalid_argument("a packet component needs a name");
    if (!complete(ops)) throw std::invalid_argument("packet component '" + name + "' lacks create/reset/destroy");
    for (std::uint32_t slot = 0; slot < kMaxPacketComponents; ++slot) {
        Type* t = types_[slot].get();
        if (!t || t->name != name) continue;
        // Type names from typeid are unique per type across shared objects (Itanium ABI).
        if (std::strcmp(t->ops.type_name, ops.type_name) != 0)
            throw std::invalid_argument("packet component '" + name + "' is registered with another type");
        t->owners.emplace_back(std::move(owner), ops);
        return slot;
    }
    const auto empty = std::find(types_.begin(), types_.end(), nullptr);
    if (empty == types_.end())
        throw std::length_error("no room for packet component '" + name + "': all " +
                                std::to_string(kMaxPacketComponents) + " slots are taken");
    const auto slot = static_cast<std::uint32_t>(empty - types_.begin());
    auto t = std::make_unique<Type>(Type{std::move(name), ops, {}});
    t->owners.emplace_back(std::move(owner), ops);
    for (auto& w : workspaces_) w->instances[slot] = ops.create();
    types_[slot] = std::move(t);
    return slot;
}

void PacketComponents::remove_owner(std::string_view owner)
{
    for (std::uint32_t slot = 0; slot < kMaxPacketComponents; ++slot) {
        Type* t = types_[slot].get();
        if (!t) continue;
        std::erase_if(t->owners, [&](const auto& o) { return o.first == owner; });
        const bool code_leaves = std::none_of(t->owners.begin(), t->owners.end(), [&](const auto& o) {
            return o.second.create == t->ops.create && o.second.destroy == t->ops.destroy;
        });
        if (!code_leaves) continue;
        // The instances were made by code that may be unloaded: free them with it.
        for (auto& w : workspaces_) t->ops.destroy(std::exchange(w->instances[slot], nullptr));
        if (t->owners.empty()) {
            types_[slot].reset();
            continue;
        }
        t->ops = t->owners.front().second;
        for (auto& w : workspaces_) w->instances[slot] = t->ops.create();
    }
}

std::vector<std::pair<std::uint32_t, std::string>> PacketComponents::names() const
{
    std::vector<std::pair<std::uint32_t, std::string>> out;
    for (std::uint32_t slot = 0; slot < kMaxPacketComponents; ++slot)
        if (types_[slot]) out.emplace_back(slot, types_[slot]->name);
    return out;
}

PacketComponents::Workspace& PacketComponents::acquire()
{
    std::lock_guard lock(pool_mutex_);
    if (!free_.empty()) {
        Workspace* w = free_.back();
        free_.pop_back();
        return *w;
    }
    // Another source delivers at the same time: one more workspace (warm-up only).
    auto w = std::make_unique<Workspace>();
    for (std::uint32_t slot = 0; slot < kMaxPacketComponents; ++slot)
        if (types_[slot]) w->instances[slot] = types_[slot]->ops.create();
    workspaces_.push_back(std::move(w));
    free_.reserve(workspaces_.size()); // release() then never allocates
    return *workspaces_.back();
}

void PacketComponents::release(Workspace& w)
{
    std::lock_guard lock(pool_mutex_);
    free_.push_back(&w);
}

void PacketComponents::bind(const Workspace& w, Packet& p)
{
    p.component_storage = w.instances;
    p.components_attached = 0;
}

} // namespace airsight::core
