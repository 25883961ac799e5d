// A log driver for the logging manager's tests: each LogFile call appends a
// line to a journal the test reads ("packet 3", "devices 2", "flush",
// "close"); it can throw on its Nth packet, or hold packets until released.
#ifndef AIRSIGHT_TESTS_UNIT_CORE_FAKE_LOG_DRIVER_H
#define AIRSIGHT_TESTS_UNIT_CORE_FAKE_LOG_DRIVER_H

#include <airsight/logging.h>

#include <algorithm>
#include <condition_variable>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace airsight::test {

struct LogJournal {
    mutable std::mutex mutex;
    std::condition_variable released_cv;
    std::vector<std::string> lines;
    std::vector<std::string> device_keys;
    std::vector<std::string> device_json; // LoggedDevice::json, by device_keys' order
    std::vector<LogOpenRequest> opened;
    bool hold_packets = false; // packet() waits until release()
    unsigned fail_on_packet = 0; // throw on this packet (1-based; 0: never)
    unsigned packets_seen = 0;
    unsigned packets_entered = 0; // packet() calls begun, held ones too

    void add(std::string line)
    {
        std::lock_guard lock(mutex);
        lines.push_back(std::move(line));
    }
    void release()
    {
        std::lock_guard lock(mutex);
        hold_packets = false;
        released_cv.notify_all();
    }
    std::vector<std::string> copy() const
    {
        std::lock_guard lock(mutex);
        return lines;
    }
    std::size_t count(std::string_view prefix) const
    {
        std::lock_guard lock(mutex);
        return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(),
                                                      [&](const std::string& l) { return l.starts_with(prefix); }));
    }
};

class FakeLogFile : public LogFile {
public:
    explicit FakeLogFile(std::shared_ptr<LogJournal> journal) : journal_(std::move(journal)) {}

    void packet(const LoggedPacket& p) override
    {
        std::unique_lock lock(journal_->mutex);
        ++journal_->packets_entered;
        journal_->released_cv.wait(lock, [&] { return !journal_->hold_packets; });
        ++journal_->packets_seen;
        if (journal_->fail_on_packet && journal_->packets_seen == journal_->fail_on_packet)
            throw std::runtime_error("No space left on device");
        journal_->lines.push_back("packet " + std::to_string(p.id) + " " + std::string(p.phy_name) + " " +
                                  std::to_string(p.data.size()));
    }
    void devices(std::span<const LoggedDevice> changed) override
    {
        std::lock_guard lock(journal_->mutex);
        journal_->lines.push_back("devices " + std::to_string(changed.size()));
        for (const LoggedDevice& d : changed) {
            journal_->device_keys.push_back(d.key);
            journal_->device_json.push_back(d.json);
        }
    }
    void alert(const LoggedAlert& a) override { journal_->add("alert " + a.header); }
    void message(const LoggedMessage& m) override { journal_->add("message " + m.text); }
    void source(const LoggedSource& s) override { journal_->add("source " + s.info.name); }
    void snapshot(const LoggedSnapshot& s) override { journal_->add("snapshot " + s.type); }
    void flush() override { journal_->add("flush"); }
    void close() override { journal_->add("close"); }

private:
    std::shared_ptr<LogJournal> journal_;
};

class FakeLogDriver : public LogDriver {
public:
    FakeLogDriver(std::string log_class, unsigned contents, std::shared_ptr<LogJournal> journal,
                  bool singleton = true)
        : class_(std::move(log_class)), contents_(contents), singleton_(singleton), journal_(std::move(journal))
    {
    }
    std::string log_class() const override { return class_; }
    std::string name() const override { return "Fake " + class_ + " log"; }
    std::string description() const override { return "a journal, for tests"; }
    bool singleton() const override { return singleton_; }
    unsigned contents() const override { return contents_; }
    std::unique_ptr<LogFile> open(const LogOpenRequest& request) override
    {
        {
            std::lock_guard lock(journal_->mutex);
            journal_->opened.push_back(request);
        }
        std::ofstream(request.path) << "fake log\n"; // the file exists: the next log gets another name
        return std::make_unique<FakeLogFile>(journal_);
    }

private:
    std::string class_;
    unsigned contents_;
    bool singleton_;
    std::shared_ptr<LogJournal> journal_;
};

} // namespace airsight::test

#endif
