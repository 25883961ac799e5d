#include "pdu_builder.h"
#include "phy_harness.h"

#include <doctest/doctest.h>

using namespace airsight;
using namespace airsight::btle;
using namespace airsight::btle::test;

namespace {

const MacAddr kAdv = mac("C0:01:02:03:04:05");
const MacAddr kCentral = mac("4A:0E:CD:C0:3C:3B");

ByteVec adv_record(std::uint8_t type, const ByteVec& data, bool bad_crc = false)
{
    return phdr(12, 0x0001 | 0x0002, -70, ll(pdu(type, true, false, cat({air(kAdv), data}), bad_crc)));
}

} // namespace

TEST_CASE("phy: an ADV_IND makes a BTLE device with Kismet's key, type, name and both components")
{
    Harness h;
    const ByteVec data = cat({ad(0x01, {0x06}), ad(0x09, text("Thermo")), ad(0x0A, {0xF4}),
                              ad(0x03, {0x0F, 0x18}), ad(0x16, {0x0F, 0x18, 0x64}), ad(0x19, {0x40, 0x03}),
                              ad(0xFF, {0x59, 0x00, 0xAB})});
    const ByteVec rec = adv_record(pdu_type::adv_ind, data);
    const Packet p = h.run(rec, dlt::ble_ll_with_phdr);
    CHECK_FALSE(p.error);
    CHECK(p.phy_id == h.phy.phy_id());
    CHECK(p.payload_dlt == dlt::ble_ll);
    CHECK(p.payload.size() == rec.size() - 10);
    CHECK(p.radio.freq_khz == 2426000);
    CHECK(p.radio.signal_dbm == -70);
    CHECK(p.addresses.transmitter == kAdv);

    const Device* d = h.device(kAdv);
    REQUIRE(d);
    CHECK(d->key.str() == "2701E10200000000_504030201C0"); // BTLE's hash, as kismet-fields.md gives it
    CHECK(d->type == "BTLE");
    CHECK(d->name == "Thermo");
    CHECK(d->channel == "38");
    CHECK(d->manuf == "Randomized");
    CHECK(d->packets.tx_total == 1);

    const BtleDevice* le = h.btle(kAdv);
    const BluetoothDevice* bt = h.bluetooth(kAdv);
    REQUIRE(le);
    REQUIRE(bt);
    CHECK(le->random_address);
    CHECK(le->pdu_type == pdu_type::adv_ind);
    CHECK(le->flags == 0x06);
    CHECK(le->appearance == 0x0340);
    CHECK(le->company == "Nordic Semiconductor ASA");
    CHECK(bt->txpower == -12);
    CHECK(bt->pathloss == 58);
    CHECK(bt->connectable == true);
    REQUIRE(bt->service_uuids.size() == 1);
    CHECK(bt->service_uuids[0].short16() == 0x180F);

    // The records, as served, with Kismet's names.
    const Value lev = le->to_value();
    CHECK(lev.find(h.fields.le_general_discoverable)->as_uint() == 1);
    CHECK(lev.find(h.fields.br_edr_unsupported)->as_uint() == 1);
    CHECK(lev.find(h.fields.le_limited_discoverable)->as_uint() == 0);
    CHECK(lev.find(h.fields.pdu_type)->as_uint() == 0);
    CHECK(lev.find(h.fields.manufacturer_data)->find("89")->as_string() == "ab");
    const Value btv = bt->to_value();
    CHECK(btv.find(h.fields.service_uuid_vec)->at(0).as_string() == "0000180F-0000-1000-8000-00805F9B34FB");
    CHECK(btv.find(h.fields.service_data_bytes)->find("0000180F-0000-1000-8000-00805F9B34FB")->as_string() == "64");
    CHECK(btv.find(h.fields.txpower)->as_int() == -12);
    CHECK(btv.find(h.fields.connectable)->as_uint() == 1);
    CHECK(h.phy.counters().advertising == 1);
}

TEST_CASE("phy: every advertising PDU type tracks its sender; SCAN_RSP keeps the scan data")
{
    Harness h;
    h.run(adv_record(pdu_type::adv_nonconn_ind, ad(0x01, {0x04})), dlt::ble_ll_with_phdr);
    CHECK(h.bluetooth(kAdv)->connectable == false);
    h.run(adv_record(pdu_type::adv_scan_ind, {}), dlt::ble_ll_with_phdr);
    h.run(adv_record(pdu_type::scan_rsp, ad(0x09, text("Scan name"))), dlt::ble_ll_with_phdr);
    CHECK(h.device(kAdv)->name == "Scan name");
    CHECK(h.bluetooth(kAdv)->scan_data == "0a095363616e206e616d65");
    CHECK(h.bluetooth(kAdv)->connectable == false); // a scan response says nothing of it
    CHECK(h.btle(kAdv)->pdu_types_seen == ((1u << 2) | (1u << 6) | (1u << 4)));

    // SCAN_REQ: the scanner (TxAdd public) sends, the advertiser (RxAdd random) receives.
    const MacAddr scanner = mac("00:1B:DC:01:02:03");
    h.run(ll(pdu(pdu_type::scan_req, false, true, cat({air(scanner), air(kAdv)}))), dlt::ble_ll);
    REQUIRE(h.device(scanner));
    CHECK_FALSE(h.btle(scanner)->random_address);
    CHECK(h.device(scanner)->packets.tx_total == 1);
    CHECK(h.device(kAdv)->packets.rx_total == 1);
    CHECK(h.btle(kAdv)->random_address);

    // ADV_DIRECT_IND: connectable, for its target.
    const MacAddr target = mac("00:1B:DC:0A:0B:0C");
    h.run(ll(pdu(pdu_type::adv_direct_ind, true, false, cat({air(kAdv), air(target)}))), dlt::ble_ll);
    CHECK(h.bluetooth(kAdv)->connectable == true);
    CHECK(h.device(target)->packets.rx_total == 1);

    // An extended advertisement over LE Coded (nRF Sniffer), non-connectable.
    const MacAddr drone = mac("E0:7D:EA:EB:2F:1C");
    const ByteVec ext = cat({{0x09, 0x09}, air(drone), {0x75, 0x0E}, ad(0x16, {0xFA, 0xFF, 0x0D, 0x0C})});
    const ByteVec coded = cat({{0xD6, 0xBE, 0x89, 0x8E, 0x00}, pdu(pdu_type::adv_ext_ind, false, false, ext)});
    const Packet p = h.run(nordic(0x21, 10, 53, coded), dlt::nordic_ble);
    CHECK_FALSE(p.error);
    REQUIRE(h.device(drone));
    CHECK(h.device(drone)->channel == "10");
    CHECK(h.bluetooth(drone)->connectable == false);
    CHECK(h.bluetooth(drone)->service_data.size() == 1);
    CHECK(h.btle(drone)->pdu_type == pdu_type::adv_ext_ind);
}

TEST_CASE("phy: a complete name replaces the device's, a shortened one only fills a gap; bytes no text shows are escaped")
{
    Harness h;
    h.run(adv_record(pdu_type::adv_ind, ad(0x08, text("Therm"))), dlt::ble_ll_with_phdr);
    CHECK(h.device(kAdv)->name == "Therm");
    h.run(adv_record(pdu_type::adv_ind, ad(0x09, {'T', 'h', 0x01, 0xC3, 0xA9, 0xFF})), dlt::ble_ll_with_phdr);
    CHECK(h.device(kAdv)->name == "Th\\x01\xC3\xA9\\xFF");
    h.run(adv_record(pdu_type::adv_ind, ad(0x08, text("Other"))), dlt::ble_ll_with_phdr);
    CHECK(h.device(kAdv)->name == "Th\\x01\xC3\xA9\\xFF");
    h.run(adv_record(pdu_type::adv_ind, ad(0x09, text("Ab"))), dlt::ble_ll_with_phdr);
    CHECK(h.device(kAdv)->name == "Ab");
    h.run(adv_record(pdu_type::adv_ind, ad(0x01, {0x06})), dlt::ble_ll_with_phdr); // no name: the name stays
    CHECK(h.device(kAdv)->name == "Ab");
}

TEST_CASE("phy: the latest manufacturer, service and scan data replace the earlier, longer or shorter")
{
    Harness h;
    h.run(adv_record(pdu_type::adv_ind, cat({ad(0xFF, {0x59, 0x00, 1, 2, 3}), ad(0x16, {0x0F, 0x18, 0x64, 0x65})})),
          dlt::ble_ll_with_phdr);
    h.run(adv_record(pdu_type::scan_rsp, ad(0x09, text("Long scan name"))), dlt::ble_ll_with_phdr);
    h.run(adv_record(pdu_type::adv_ind, cat({ad(0xFF, {0x59, 0x00, 9}), ad(0x16, {0x0F, 0x18, 0x01, 0x02, 0x03})})),
          dlt::ble_ll_with_phdr);
    h.run(adv_record(pdu_type::scan_rsp, ad(0x0A, {0x04})), dlt::ble_ll_with_phdr);
    const BtleDevice* le = h.btle(kAdv);
    const BluetoothDevice* bt = h.bluetooth(kAdv);
    REQUIRE(le->manufacturer_data.size() == 1);
    CHECK(le->manufacturer_data[0].second == "09");
    REQUIRE(bt->service_data.size() == 1);
    CHECK(bt->service_data[0].second == "010203");
    CHECK(bt->scan_data == "020a04");
}

TEST_CASE("phy: a duplicate (another source's copy) counts no advertisement twice and changes no device")
{
    Harness h;
    h.run(adv_record(pdu_type::adv_ind, ad(0x09, text("First"))), dlt::ble_ll_with_phdr);
    const Packet p = h.run(adv_record(pdu_type::adv_ind, ad(0x09, text("Second"))), dlt::ble_ll_with_phdr, 101, 0, true);
    CHECK_FALSE(p.error);
    CHECK(p.phy_id == h.phy.phy_id());
    CHECK(h.phy.counters().advertising == 1);
    CHECK(h.device(kAdv)->name == "First");
    CHECK(h.device(kAdv)->packets.tx_total == 1);
}

TEST_CASE("phy: CONNECT_IND relates the central and the peripheral")
{
    Harness h;
    const ByteVec lldata{0x78, 0x56, 0x34, 0x12, 0xAA, 0xBB, 0xCC, 2, 0x10, 0, 0x28, 0, 0, 0, 0xC8, 0,
                         0xFF, 0xFF, 0xFF, 0xFF, 0x1F, 0x2B};
    h.run(ll(pdu(pdu_type::connect_ind, true, true, cat({air(kCentral), air(kAdv), lldata}))), dlt::ble_ll, 500);
    const BtleDevice* central = h.btle(kCentral);
    const BtleDevice* peripheral = h.btle(kAdv);
    REQUIRE(central);
    REQUIRE(peripheral);
    REQUIRE(central->connections.size() == 1);
    CHECK(central->connections[0].peer == kAdv);
    CHECK(central->connections[0].central);
    CHECK(central->connections[0].access_address == 0x12345678);
    REQUIRE(peripheral->connections.size() == 1);
    CHECK(peripheral->connections[0].peer == kCentral);
    CHECK_FALSE(peripheral->connections[0].central);
    const Value v = peripheral->to_value();
    const Value* c = v.find(h.fields.connections)->find(kCentral.str());
    REQUIRE(c);
    CHECK(c->find(h.fields.connection_role)->as_string() == "peripheral");
    CHECK(c->find(h.fields.connection_interval)->as_uint() == 40);
    CHECK(c->find(h.fields.connection_first_time)->as_uint() == 500);
    // Again: the same record, a later time.
    h.run(ll(pdu(pdu_type::connect_ind, true, true, cat({air(kCentral), air(kAdv), lldata}))), dlt::ble_ll, 600);
    CHECK(h.btle(kCentral)->connections.size() == 1);
    CHECK(h.btle(kCentral)->connections[0].last_time == 600);
}

TEST_CASE("phy: Apple, iBeacon, Eddystone and Microsoft data land on the device")
{
    Harness h;
    const ByteVec ibeacon{0x4C, 0x00, 0x02, 0x15, 0xE2, 0xC5, 0x6D, 0xB5, 0xDF, 0xFB, 0x48, 0xD2, 0xB0,
                          0x60, 0xD0, 0xF5, 0xA7, 0x10, 0x96, 0xE0, 0x00, 0x01, 0x00, 0x02, 0xC5};
    h.run(adv_record(pdu_type::adv_nonconn_ind, ad(0xFF, ibeacon)), dlt::ble_ll_with_phdr);
    h.run(adv_record(pdu_type::adv_ind, ad(0xFF, {0x4C, 0x00, 0x10, 0x02, 0x01, 0x02})), dlt::ble_ll_with_phdr);
    h.run(adv_record(pdu_type::adv_nonconn_ind, ad(0x16, {0xAA, 0xFE, 0x10, 0xF6, 0x01, 'a', 0x07})),
          dlt::ble_ll_with_phdr);
    h.run(adv_record(pdu_type::adv_nonconn_ind, ad(0xFF, {0x06, 0x00, 0x01, 0x09, 0x20})), dlt::ble_ll_with_phdr);
    const BtleDevice* le = h.btle(kAdv);
    REQUIRE(le);
    CHECK(le->company == "Apple, Inc.");
    CHECK(le->apple_types == ((1u << 0x02) | (1u << 0x10)));
    REQUIRE(le->ibeacon);
    CHECK(le->ibeacon->major == 1);
    CHECK(le->eddystone_url == "https://www.a.com");
    CHECK(le->microsoft_device_type == "Windows 10 Desktop");
    CHECK(le->manufacturer_data.size() == 2); // Apple's latest, Microsoft's
    const Value v = le->to_value();
    const Value* apple = v.find(h.fields.apple_continuity);
    REQUIRE(apple->size() == 2);
    CHECK(apple->at(0).as_string() == "iBeacon");
    CHECK(apple->at(1).as_string() == "Nearby Info");
    CHECK(v.find(h.fields.ibeacon)->find(h.fields.ibeacon_uuid)->as_string() == "E2C56DB5-DFFB-48D2-B060-D0F5A71096E0");
    CHECK(v.find(h.fields.eddystone)->find(h.fields.eddystone_tx_power)->as_int() == -10);
}

TEST_CASE("phy: bad CRCs, truncations, reserved types and other access addresses are counted, never tracked")
{
    Harness h;
    Packet bad = h.run(adv_record(pdu_type::adv_ind, ad(0x09, text("x")), true), dlt::ble_ll_with_phdr);
    CHECK(bad.error);
    CHECK(std::string(bad.error_reason) == "bad BLE CRC");
    CHECK(h.devices.size() == 0);
    CHECK(h.phy.counters().bad_crc == 1);

    // The header's verdict overrides: "checked, invalid" on a correct CRC.
    const ByteVec checked_bad = phdr(12, 0x0400, 0, ll(pdu(pdu_type::adv_ind, false, false, air(kAdv))));
    CHECK(h.run(checked_bad, dlt::ble_ll_with_phdr).error);
    CHECK(h.phy.counters().bad_crc == 2);

    const ByteVec reserved = ll(pdu(0x0E, false, false, air(kAdv)));
    CHECK(std::string(h.run(reserved, dlt::ble_ll).error_reason) == "BLE advertising PDU of a reserved type");
    const ByteVec short_scan = ll(pdu(pdu_type::scan_req, false, false, air(kAdv)));
    CHECK(h.run(short_scan, dlt::ble_ll).error);
    CHECK(h.phy.counters().malformed == 2);

    const Packet data = h.run(ll(pdu(0x01, false, false, {1, 2, 3}), 0x50654321), dlt::ble_ll);
    CHECK_FALSE(data.error);
    CHECK(data.phy_id == 0); // left unclaimed
    CHECK(h.phy.counters().other_access_address == 1);

    // Every truncation of a good record: an error or unclaimed, never a device.
    const ByteVec good = adv_record(pdu_type::adv_ind, cat({ad(0x01, {0x06}), ad(0x09, text("Name"))}));
    for (std::size_t n = 0; n < good.size(); ++n) {
        CAPTURE(n);
        const ByteVec cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n));
        const Packet p = h.run(cut, dlt::ble_ll_with_phdr);
        CHECK(p.error);
    }
    CHECK(h.devices.size() == 0);
    CHECK_FALSE(h.run(good, dlt::ble_ll_with_phdr).error);
    CHECK(h.devices.size() == 1);

    // Not ours: 802.11 link types, PPI around 802.11, a packet another PHY decapsulated.
    CHECK(h.run(good, 127).payload_dlt == 0);
    CHECK(h.run(ppi(105, 2412, good), dlt::ppi).payload_dlt == 0);
}

TEST_CASE("phy: lists on a device are bounded and what they drop is counted")
{
    Harness h;
    for (unsigned i = 0; i < BluetoothDevice::kMaxUuids + 5; ++i)
        h.run(adv_record(pdu_type::adv_ind, ad(0x03, {static_cast<std::uint8_t>(i), 0x18})), dlt::ble_ll_with_phdr);
    CHECK(h.bluetooth(kAdv)->service_uuids.size() == BluetoothDevice::kMaxUuids);
    CHECK(h.btle(kAdv)->not_kept == 5);
}

TEST_CASE("phy: advertising PDUs with AdvA and AdvData fill the shared advertisement component")
{
    Harness h;
    // ADV_NONCONN_IND from a random address with two 16-bit service data structures (Remote ID's first).
    const ByteVec data = cat({ad(0x01, {0x06}), ad(0x16, {0xFA, 0xFF, 0x0D, 0x01, 0x02}), ad(0x16, {0x0F, 0x18, 0x64})});
    const ByteVec rec = adv_record(pdu_type::adv_nonconn_ind, data);
    const Packet p = h.run(rec, dlt::ble_ll_with_phdr);
    REQUIRE(h.shared_advertisement.find(p));
    const BtleAdvertisement& a = h.shared_storage;
    CHECK(a.advertiser == kAdv);
    CHECK(a.random_address);
    CHECK_FALSE(a.extended);
    CHECK(a.radio == BtleRadio::le_1m);
    REQUIRE(a.service_data().size() == 2);
    CHECK(a.service_data()[0].uuid == 0xFFFA);
    CHECK(ByteVec(a.service_data()[0].data.begin(), a.service_data()[0].data.end()) == ByteVec{0x0D, 0x01, 0x02});
    // The spans point into the packet's own bytes.
    CHECK(a.service_data()[0].data.data() >= rec.data());
    CHECK(a.service_data()[0].data.data() < rec.data() + rec.size());
    CHECK(a.service_data()[1].uuid == 0x180F);

    // An extended PDU (AUX_ADV_IND: AdvA in its header) over LE Coded, from an nRF Sniffer.
    const ByteVec ext_payload = cat({{0x07, 0x01}, air(kAdv), ad(0x16, {0xFA, 0xFF, 0x0D})});
    const ByteVec coded_pdu = pdu(pdu_type::adv_ext_ind, false, false, ext_payload);
    ByteVec coded_ll = ll(coded_pdu);
    coded_ll.insert(coded_ll.begin() + 4, 0x00); // coding indicator (S=8)
    const ByteVec coded = nordic(0x01 | (2 << 4), 3, 60, coded_ll);
    const Packet q = h.run(coded, dlt::nordic_ble);
    CHECK_FALSE(q.error);
    REQUIRE(h.shared_advertisement.find(q));
    CHECK(a.extended);
    CHECK(a.radio == BtleRadio::le_coded);
    CHECK_FALSE(a.random_address);
    REQUIRE(a.service_data().size() == 1);
    CHECK(a.service_data()[0].uuid == 0xFFFA);

    // No AdvData (ADV_DIRECT_IND), or sent by the other end (SCAN_REQ): none attached.
    const ByteVec direct = adv_record(pdu_type::adv_direct_ind, air(kCentral));
    CHECK_FALSE(h.shared_advertisement.find(h.run(direct, dlt::ble_ll_with_phdr)));
    const ByteVec scan_req = phdr(12, 0x0001, -70, ll(pdu(pdu_type::scan_req, true, false, cat({air(kCentral), air(kAdv)}))));
    CHECK_FALSE(h.shared_advertisement.find(h.run(scan_req, dlt::ble_ll_with_phdr)));
    // A bad CRC: none either.
    const ByteVec bad = phdr(12, 0x0001, -70, ll(pdu(pdu_type::adv_ind, true, false, cat({air(kAdv), data}), true)));
    CHECK_FALSE(h.shared_advertisement.find(h.run(bad, dlt::ble_ll_with_phdr)));
}

TEST_CASE("phy: a PHY not given the shared component's key attaches none")
{
    airsight::test::PhyHarness<BtlePhy, BtleFields, Dissection> bare;
    PacketComponent<BtleAdvertisement> key{1};
    BtleAdvertisement storage;
    bare.lend_more = [&](Packet& p) { key.bind(p, storage); };
    const ByteVec rec = adv_record(pdu_type::adv_ind, ad(0x16, {0xFA, 0xFF, 0x0D}));
    const Packet p = bare.run(rec, dlt::ble_ll_with_phdr);
    CHECK(p.phy_id == bare.phy.phy_id());
    CHECK_FALSE(key.find(p));
}

TEST_CASE("phy: btle_ignore_random leaves random senders untracked and counted, public ones tracked")
{
    Harness h;
    h.phy.ignore_random_addresses(true);
    const Packet random = h.run(adv_record(pdu_type::adv_ind, ad(0x09, text("Phone"))), dlt::ble_ll_with_phdr);
    CHECK_FALSE(random.error);
    CHECK(h.device(kAdv) == nullptr);
    CHECK(h.phy.counters().ignored_random == 1);
    CHECK(h.phy.counters().advertising == 0);

    const MacAddr kPublic = mac("00:1A:7D:DA:71:13");
    h.run(phdr(12, 0x0001 | 0x0002, -70, ll(pdu(pdu_type::adv_ind, false, false, cat({air(kPublic), ad(0x09, text("Sensor"))})))),
          dlt::ble_ll_with_phdr);
    REQUIRE(h.device(kPublic) != nullptr);
    CHECK(h.device(kPublic)->name == "Sensor");
    CHECK(h.phy.counters().ignored_random == 1);

    h.phy.ignore_random_addresses(false); // the default: random senders are devices too
    h.run(adv_record(pdu_type::adv_ind, ad(0x09, text("Phone"))), dlt::ble_ll_with_phdr);
    CHECK(h.device(kAdv) != nullptr);
}
