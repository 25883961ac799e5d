#include "packetchain/packet_components.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace airsight::core {
namespace {

bool complete(const PacketComponentOps& ops) { return ops.create && ops.reset && ops.destroy && ops.type_name; }

// `n` new instances of a type, all or none: a create() that throws or
// returns nothing undoes the ones made before it.
std::vector<void*> make_instances(const std::string& name, const PacketComponentOps& ops, std::size_t n)
{
    std::vector<void*> made;
    made.reserve(n);
    try {
        for (std::size_t i = 0; i < n; ++i) {
            void* instance = ops.create();
            if (!instance) throw std::runtime_error("packet component '" + name + "': create() returned no instance");
            made.push_back(instance);
        }
    } catch (...) {
        for (void* instance : made) ops.destroy(instance);
        throw;
    }
    return made;
}

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
    const std::vector<void*> made = make_instances(name, ops, workspaces_.size()); // before any change
    auto t = std::make_unique<Type>(Type{std::move(name), ops, {}});
    t->owners.emplace_back(std::move(owner), ops);
    for (std::size_t i = 0; i < workspaces_.size(); ++i) workspaces_[i]->instances[slot] = made[i];
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
        if (t->owners.empty()) {
            for (auto& w : workspaces_) t->ops.destroy(std::exchange(w->instances[slot], nullptr));
            types_[slot].reset();
            continue;
        }
        // The instances are rebuilt with a remaining owner's code. Should that
        // fail, the old ones stay (plugin code is never unloaded, so they
        // remain valid) and withdrawal goes on: it must not stop half-way.
        std::vector<void*> made;
        try {
            made = make_instances(t->name, t->owners.front().second, workspaces_.size());
        } catch (const std::exception&) {
            continue;
        }
        for (std::size_t i = 0; i < workspaces_.size(); ++i)
            t->ops.destroy(std::exchange(workspaces_[i]->instances[slot], made[i]));
        t->ops = t->owners.front().second;
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
    if (!free_.empty()) {
        Workspace* w = free_.back();
        free_.pop_back();
        return *w;
    }
    // A new lane: one more workspace.
    auto w = std::make_unique<Workspace>();
    try {
        for (std::uint32_t slot = 0; slot < kMaxPacketComponents; ++slot)
            if (types_[slot]) w->instances[slot] = make_instances(types_[slot]->name, types_[slot]->ops, 1).front();
    } catch (...) {
        for (std::uint32_t slot = 0; slot < kMaxPacketComponents; ++slot)
            if (w->instances[slot]) types_[slot]->ops.destroy(w->instances[slot]);
        throw;
    }
    workspaces_.push_back(std::move(w));
    free_.reserve(workspaces_.size()); // release() then never allocates
    return *workspaces_.back();
}

void PacketComponents::release(Workspace& w)
{
    free_.push_back(&w);
}

void PacketComponents::bind(const Workspace& w, Packet& p)
{
    p.component_storage = w.instances;
    p.components_attached = 0;
}

} // namespace airsight::core
