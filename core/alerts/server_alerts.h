// The alerts Kismet's alert tracker defines for the server itself.
//
// KISMET ("server events") is defined as Kismet defines it: any PHY, rates
// 0/day, so it is silenced unless the operator's alert=KISMET,... line gives
// it rates; Kismet raises it nowhere, and neither does airsight (server
// events go to the message bus). It is defined so that /alerts/definitions
// lists what Kismet's clients expect and a REST client may raise it once
// enabled.
//
// Kismet's ROOTUSER (kismet_server.cc, raised at start when running as root)
// is not defined: Kismet runs its capture in suid helpers and tells an
// operator running the server as root to stop; airsight captures in the
// server process (datasources/linuxwifi opens nl80211 and packet sockets),
// so root, or CAP_NET_ADMIN and CAP_NET_RAW, is how it is meant to run, and
// an alert at every start that the operator cannot act on would be noise.
#ifndef AIRSIGHT_CORE_ALERTS_SERVER_ALERTS_H
#define AIRSIGHT_CORE_ALERTS_SERVER_ALERTS_H

#include <airsight/alerts.h>

namespace airsight::core {

/// Defines KISMET on `alerts`; returns its ref.
AlertRef define_server_alerts(AlertTracker& alerts);

} // namespace airsight::core

#endif
