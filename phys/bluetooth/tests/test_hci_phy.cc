#include "dissect/names.h"
#include "hci_builder.h"
#include "phy_harness.h"

#include <doctest/doctest.h>

using namespace airsight;
using namespace airsight::btle;
using namespace airsight::btle::test;

namespace {

const MacAddr kA = mac("A4:C1:38:BF:6F:AB");
const MacAddr kB = mac("5D:11:22:33:44:55");
const MacAddr kPhone = mac("00:1A:7D:DA:71:13");

const ByteVec kData = cat({ad(0x01, {0x06}), ad(0x09, text("GVH5072")), ad(0x0A, {0xF4}), ad(0xFF, {0x4C, 0x00, 0x10, 0x01})});

} // namespace

TEST_CASE("bluetooth phy: an LE Advertising Report in DLT 201 makes a Bluetooth device with Kismet's key and type")
{
    HciHarness h;
    const ByteVec rec = h4(0x04, le_meta(0x02, {le_report(0x00, 0x00, kA, kData, -49)}));
    const Packet p = h.run(rec, dlt::hci_h4_with_phdr);
    CHECK_FALSE(p.error);
    CHECK(p.phy_id == h.phy.phy_id());
    CHECK(p.addresses.transmitter == kA);
    CHECK(p.radio.signal_dbm == -49);

    const Device* d = h.device(kA);
    REQUIRE(d);
    CHECK(d->key.str().rfind("B603E01100000000_", 0) == 0); // Bluetooth's hash, as kismet-fields.md gives it
    CHECK(d->type == "BTLE");
    CHECK(d->channel == "FHSS");
    CHECK(d->name == "GVH5072");
    CHECK(d->manuf.empty());
    CHECK(d->packets.tx_total == 1);
    const BluetoothDevice* bt = h.bluetooth(kA);
    const BtleDevice* le = h.btle(kA);
    REQUIRE(bt);
    REQUIRE(le);
    CHECK(bt->type == BluetoothDevice::kTypeBtle);
    CHECK(bt->address_type == 0);
    CHECK(bt->txpower == -12);
    CHECK(bt->pathloss == 37);
    CHECK(bt->connectable == true);
    CHECK_FALSE(le->random_address);
    CHECK(le->flags == 0x06);
    CHECK(le->pdu_type == pdu_type::adv_ind);
    CHECK(le->company == company_name(0x004C));
    CHECK(le->apple_types == 1u << 0x10);
    const Value v = bt->to_value();
    CHECK(v.find(h.fields.address_type)->as_string() == "public");
    CHECK(v.find(h.fields.major_class) == nullptr); // no class of device for LE
    CHECK(h.phy.counters().le_reports == 1);
    CHECK(h.phy.counters().events == 1);

    // The shared component: the advertiser, public, legacy over LE 1M.
    REQUIRE(h.shared_advertisement.find(p));
    CHECK(h.shared_storage.advertiser == kA);
    CHECK_FALSE(h.shared_storage.random_address);
    CHECK_FALSE(h.shared_storage.extended);
    CHECK(h.shared_storage.radio == BtleRadio::le_1m);
    CHECK(h.shared_storage.service_data().empty());
}

TEST_CASE("bluetooth phy: DLT 254 events work alike; commands, ACL and the monitor's records are other HCI")
{
    HciHarness h;
    const ByteVec rec = monitor(3, le_meta(0x02, {le_report(0x03, 0x01, kB, ad(0x09, text("Tag")), -70)}));
    const Packet p = h.run(rec, dlt::linux_monitor);
    CHECK_FALSE(p.error);
    const Device* d = h.device(kB);
    REQUIRE(d);
    CHECK(d->name == "Tag");
    CHECK(d->manuf == "Randomized");
    REQUIRE(h.btle(kB));
    CHECK(h.btle(kB)->random_address);
    CHECK(h.btle(kB)->pdu_type == pdu_type::adv_nonconn_ind);
    CHECK(h.bluetooth(kB)->connectable == false);

    const ByteVec command = monitor(2, {0x0B, 0x20, 0x00});
    const ByteVec acl = monitor(5, {0x01, 0x20, 0x00, 0x00});
    const ByteVec index = monitor(0, ByteVec(16, 0));
    const ByteVec h4_command = h4(0x01, {0x0B, 0x20, 0x00}, false);
    CHECK_FALSE(h.run(command, dlt::linux_monitor).error);
    CHECK_FALSE(h.run(acl, dlt::linux_monitor).error);
    CHECK_FALSE(h.run(index, dlt::linux_monitor).error);
    CHECK_FALSE(h.run(h4_command, dlt::hci_h4_with_phdr).error);
    CHECK(h.phy.counters().other_hci == 4);
    const ByteVec complete = monitor(3, event(0x0E, {0x01, 0x0B, 0x20, 0x00}));
    const Packet other = h.run(complete, dlt::linux_monitor);
    CHECK_FALSE(other.error);
    CHECK(other.phy_id == 0);
    CHECK(h.phy.counters().other_events == 1);
    CHECK(h.devices.size() == 1);
}

TEST_CASE("bluetooth phy: every report of an event is tracked with its own RSSI; the first LE one is shared")
{
    HciHarness h;
    const ByteVec rec = h4(0x04, le_meta(0x02, {le_report(0x00, 0x00, kA, {}, -40), le_report(0x00, 0x01, kB, {}, -90)}));
    h.run(rec, dlt::hci_h4_with_phdr);
    REQUIRE(h.device(kA));
    REQUIRE(h.device(kB));
    CHECK(h.device(kA)->signal.last_signal == -40);
    CHECK(h.device(kB)->signal.last_signal == -90);
    CHECK(h.phy.counters().le_reports == 2);
    CHECK(h.phy.counters().not_shared == 1);
    CHECK(h.shared_storage.advertiser == kA);
}

TEST_CASE("bluetooth phy: an extended report shares its service data, secondary PHY and extended flag")
{
    HciHarness h;
    const ByteVec data = cat({ad(0x16, {0xFA, 0xFF, 0x0D, 0x01, 0x02}), ad(0x16, {0x0F, 0x18, 0x64})});
    const ByteVec rec = h4(0x04, le_meta(0x0D, {le_ext_report(0x0000, 0x01, kB, 3, 3, 127, -80, data)}));
    const Packet p = h.run(rec, dlt::hci_h4_with_phdr);
    CHECK_FALSE(p.error);
    REQUIRE(h.shared_advertisement.find(p));
    CHECK(h.shared_storage.advertiser == kB);
    CHECK(h.shared_storage.random_address);
    CHECK(h.shared_storage.extended);
    CHECK(h.shared_storage.radio == BtleRadio::le_coded);
    REQUIRE(h.shared_storage.service_data().size() == 2);
    CHECK(h.shared_storage.service_data()[0].uuid == 0xFFFA);
    CHECK(ByteVec(h.shared_storage.service_data()[0].data.begin(), h.shared_storage.service_data()[0].data.end()) ==
          ByteVec{0x0D, 0x01, 0x02});
    CHECK(h.shared_storage.service_data()[1].uuid == 0x180F);
    CHECK(h.phy.counters().le_extended_reports == 1);
    CHECK(h.btle(kB)->pdu_type == pdu_type::adv_ext_ind);
    CHECK(h.bluetooth(kB)->service_data.size() == 2);

    // A legacy PDU in an extended report is not extended advertising.
    const ByteVec legacy = h4(0x04, le_meta(0x0D, {le_ext_report(0x0013, 0x00, kA, 1, 0, 127, -60, {})}));
    const Packet q = h.run(legacy, dlt::hci_h4_with_phdr);
    REQUIRE(h.shared_advertisement.find(q));
    CHECK_FALSE(h.shared_storage.extended);
    CHECK(h.shared_storage.radio == BtleRadio::le_1m);
}

TEST_CASE("bluetooth phy: inquiry results make BR/EDR devices with a class; an LE report later makes them BT")
{
    HciHarness h;
    ByteVec eir = cat({ad(0x09, text("Headset")), ad(0x03, {0x0B, 0x11})});
    eir.resize(240, 0);
    const ByteVec rec =
        h4(0x04, event(0x2F, cat({{1}, air(kPhone), {1, 0}, class_of_device(0x5A020C), {0, 0}, {0xB0}, eir})));
    const Packet p = h.run(rec, dlt::hci_h4_with_phdr);
    CHECK_FALSE(p.error);
    CHECK_FALSE(h.shared_advertisement.find(p)); // BR/EDR: nothing to share
    const Device* d = h.device(kPhone);
    REQUIRE(d);
    CHECK(d->type == "BR/EDR");
    CHECK(d->name == "Headset");
    CHECK(d->signal.last_signal == -80);
    const BluetoothDevice* bt = h.bluetooth(kPhone);
    REQUIRE(bt);
    CHECK(bt->type == BluetoothDevice::kTypeBrEdr);
    CHECK(bt->class_of_device == 0x5A020C);
    REQUIRE(bt->service_uuids.size() == 1);
    CHECK(bt->service_uuids[0].short16() == 0x110B);
    const Value v = bt->to_value();
    CHECK(v.find(h.fields.major_class)->as_string() == "Phone");
    CHECK(v.find(h.fields.minor_class)->as_string() == "3");
    CHECK(v.find(h.fields.class_of_device)->as_uint() == 0x5A020C);
    CHECK(v.find(h.fields.address_type) == nullptr);

    // Plain inquiry result: no RSSI, no EIR, no btle.device.
    const ByteVec plain = h4(0x04, event(0x02, cat({{1}, air(kA), {1, 0, 0}, class_of_device(0x240404), {0, 0}})));
    h.run(plain, dlt::hci_h4_with_phdr);
    REQUIRE(h.device(kA));
    CHECK(h.device(kA)->type == "BR/EDR");
    CHECK(h.btle(kA) == nullptr);
    // The same address advertising over LE: both.
    h.run(h4(0x04, le_meta(0x02, {le_report(0x00, 0x00, kA, {}, -50)})), dlt::hci_h4_with_phdr);
    CHECK(h.device(kA)->type == "BT");
    CHECK(h.bluetooth(kA)->type == BluetoothDevice::kTypeBoth);
    CHECK(h.phy.counters().inquiry_reports == 2);
}

TEST_CASE("bluetooth phy: a remote name names the device")
{
    HciHarness h;
    ByteVec name = text("Kitchen");
    name.resize(248, 0);
    h.run(h4(0x04, event(0x07, cat({{0x00}, air(kPhone), name}))), dlt::hci_h4_with_phdr);
    REQUIRE(h.device(kPhone));
    CHECK(h.device(kPhone)->name == "Kitchen");
    CHECK(h.phy.counters().remote_names == 1);
}

TEST_CASE("bluetooth phy: truncated events and headers fail the packet, counted; a duplicate counts once")
{
    HciHarness h;
    const ByteVec full = h4(0x04, le_meta(0x02, {le_report(0x00, 0x00, kA, kData, -49)}));
    for (std::size_t n = 0; n < full.size(); ++n) {
        if (n == 5) continue; // the H4 type byte and nothing else: an empty event, also malformed below
        const ByteVec cut(full.begin(), full.begin() + long(n));
        const Packet p = h.run(cut, dlt::hci_h4_with_phdr);
        CHECK(p.error);
    }
    CHECK(h.phy.counters().malformed == full.size() - 1);
    CHECK(h.run(ByteVec(full.begin(), full.begin() + 5), dlt::hci_h4_with_phdr).error);
    CHECK(h.devices.size() == 0);

    h.run(full, dlt::hci_h4_with_phdr);
    h.run(full, dlt::hci_h4_with_phdr, 100, 0, true);
    CHECK(h.phy.counters().le_reports == 1);
    CHECK(h.device(kA)->packets.tx_total == 1);
}
