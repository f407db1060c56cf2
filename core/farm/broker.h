#pragma once

#include "farm/brokeraddress.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace passthrough::farm {

// Lease and retry rules of the farm's task consumer. The consumer is created by the first
// submitter or worker with these values; PASSTHROUGH_FARM_LEASE_SECONDS overrides the lease
// (tests shorten it).
struct FarmLimits {
    int leaseSeconds
        = 60; // a task not acknowledged (or kept in progress) for this long goes to another worker
    int maxDeliver = 50; // deliveries of one task at most: a safety net; failures are counted apart
    int failureLimit = 3; // real failures (bad source data, model or encoder errors) before a segment fails
};
FarmLimits farmLimits();

enum class Bucket {
    Progress, // PT_PROGRESS: "<jobId>.<index>" and "<jobId>.join" -> SegmentProgress JSON
    Commits, // PT_COMMITS: "commit.<jobId>.<index>" -> the committed attempt (first one wins)
};

// One task taken from the broker, leased to this worker until acknowledged.
class TaskMessage {
public:
    virtual ~TaskMessage() = default;
    [[nodiscard]] virtual const std::string& subject() const = 0;
    [[nodiscard]] virtual const std::string& payload() const = 0;
    [[nodiscard]] virtual std::uint64_t deliveries() const = 0; // 1 for the first delivery
    // Each returns false when the broker could not be told (it is away): the lease then runs
    // out and the task goes to another worker, which the commit rules make safe.
    virtual bool inProgress() = 0; // extends the lease
    virtual bool ack() = 0;
    virtual bool nak(std::chrono::milliseconds delay) = 0;
    virtual bool term() = 0; // never deliver again
};

// A connection to NATS JetStream with the farm's stream (PT_SEGMENTS, work-queue retention,
// file storage), its one durable pull consumer shared by all workers, and the two KV buckets.
// cnats stays inside core/farm: nothing public includes nats.h. Reconnects by itself after the
// broker or the network went away. Thread-safe for the calls below (cnats connections are).
class Broker {
public:
    // Throws Error(Broker) naming the address when the broker cannot be reached. With
    // `waitForServer`, a broker that is not up yet is waited for (workers start that way).
    Broker(const std::string& url, const std::string& clientName, bool waitForServer = false);
    ~Broker();
    Broker(const Broker&) = delete;
    Broker& operator=(const Broker&) = delete;

    [[nodiscard]] const std::string& address() const; // without the password
    [[nodiscard]] bool connected() const;

    // Creates the stream, the consumer and the buckets when they do not exist yet.
    void ensureSetup(const FarmLimits& limits);

    // Publishes a task; `msgId` lets the server drop a second publication. Returns false for a
    // duplicate.
    bool publish(const std::string& subject, const std::string& payload, const std::string& msgId);
    // The next task, or nullptr when none came within `timeout`.
    std::unique_ptr<TaskMessage> fetch(std::chrono::milliseconds timeout);
    // Tasks waiting for a worker and tasks leased to one.
    std::pair<std::uint64_t, std::uint64_t> pendingTasks();

    std::optional<std::string> get(Bucket bucket, const std::string& key);
    // Writes `value` only when `key` has none yet: false when it had (the first writer wins).
    bool create(Bucket bucket, const std::string& key, const std::string& value);
    void put(Bucket bucket, const std::string& key, const std::string& value);
    void remove(Bucket bucket, const std::string& key);
    // Every key under `prefix` ("<jobId>.") with its current value.
    std::vector<std::pair<std::string, std::string>> entries(Bucket bucket, const std::string& prefix);

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace passthrough::farm
