// Packet component types and the instances that hold them (see
// airsight/packet.h). Each lane of the packet chain holds one Workspace: one
// instance of each registered type, reused for every packet of that lane, so
// nothing is allocated per packet. A closed lane's workspace is kept for the
// next lane.
//
// Not thread-safe: the caller (the packet chain) calls everything under its
// mutex, and registration and withdrawal, which change every workspace, also
// with every lane's mutex held, when no packet is in flight.
#ifndef AIRSIGHT_CORE_PACKETCHAIN_PACKET_COMPONENTS_H
#define AIRSIGHT_CORE_PACKETCHAIN_PACKET_COMPONENTS_H

#include <airsight/packet.h>

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace airsight::core {

class PacketComponents {
public:
    PacketComponents() = default;
    PacketComponents(const PacketComponents&) = delete;
    PacketComponents& operator=(const PacketComponents&) = delete;
    ~PacketComponents();

    /// The slot of component `name`: a new one, or the existing one when
    /// `name` is registered with the same type. Throws std::invalid_argument
    /// (another type has the name, or an incomplete `ops`) or
    /// std::length_error (every slot taken).
    std::uint32_t add(std::string name, const PacketComponentOps& ops, std::string owner);
    /// Withdraws `owner`'s registrations; a component another owner still
    /// registered stays (rebuilt with that owner's code, since `owner`'s may
    /// be unloaded next).
    void remove_owner(std::string_view owner);
    /// Registered names, by slot, for listings.
    std::vector<std::pair<std::uint32_t, std::string>> names() const;

    /// A workspace for a lane: bind() it to each of the lane's packets,
    /// release() it when the lane closes.
    class Workspace;
    Workspace& acquire();
    void release(Workspace& w);
    /// Points the packet at the workspace's instances, none attached yet.
    static void bind(const Workspace& w, Packet& p);

private:
    struct Type {
        std::string name;
        PacketComponentOps ops;
        std::vector<std::pair<std::string, PacketComponentOps>> owners; // who registered it, with their code
    };

    std::array<std::unique_ptr<Type>, kMaxPacketComponents> types_{};
    std::vector<std::unique_ptr<Workspace>> workspaces_;
    std::vector<Workspace*> free_; // workspaces of closed lanes
};

class PacketComponents::Workspace {
public:
    std::array<void*, kMaxPacketComponents> instances{};
};

} // namespace airsight::core

#endif
