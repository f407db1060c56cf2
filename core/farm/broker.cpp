#include "farm/broker.h"

#include "util/error.h"

#include <cstdlib>
#include <mutex>
#include <nats/nats.h>

namespace passthrough::farm {
namespace {

constexpr const char* kStream = "PT_SEGMENTS";
constexpr const char* kConsumer = "pt-workers";
constexpr const char* kTaskSubjects = "pt.>";
constexpr const char* kProgressBucket = "PT_PROGRESS";
constexpr const char* kCommitBucket = "PT_COMMITS";
constexpr std::int64_t kNanosPerSecond = 1'000'000'000;

std::string statusText(natsStatus status)
{
    const char* last = nats_GetLastError(nullptr);
    return std::string(natsStatus_GetText(status)) + (last && *last ? std::string(" (") + last + ")" : "");
}

int environmentInt(const char* name, int fallback, int min, int max)
{
    const char* value = std::getenv(name);
    if (!value || !*value) {
        return fallback;
    }
    char* end = nullptr;
    const long parsed = std::strtol(value, &end, 10);
    return end && *end == '\0' && parsed >= min && parsed <= max ? int(parsed) : fallback;
}

class NatsTaskMessage final : public TaskMessage {
public:
    explicit NatsTaskMessage(natsMsg* msg)
        : m_msg(msg)
        , m_subject(natsMsg_GetSubject(msg) ? natsMsg_GetSubject(msg) : "")
        , m_payload(natsMsg_GetData(msg)
                  ? std::string(natsMsg_GetData(msg), std::size_t(natsMsg_GetDataLength(msg)))
                  : std::string())
    {
        jsMsgMetaData* meta = nullptr;
        if (natsMsg_GetMetaData(&meta, msg) == NATS_OK && meta) {
            m_deliveries = meta->NumDelivered;
            jsMsgMetaData_Destroy(meta);
        }
    }
    ~NatsTaskMessage() override { natsMsg_Destroy(m_msg); }
    [[nodiscard]] const std::string& subject() const override { return m_subject; }
    [[nodiscard]] const std::string& payload() const override { return m_payload; }
    [[nodiscard]] std::uint64_t deliveries() const override { return m_deliveries; }
    bool inProgress() override { return natsMsg_InProgress(m_msg, nullptr) == NATS_OK; }
    bool ack() override { return natsMsg_Ack(m_msg, nullptr) == NATS_OK; }
    bool nak(std::chrono::milliseconds delay) override
    {
        return natsMsg_NakWithDelay(m_msg, delay.count(), nullptr) == NATS_OK;
    }
    bool term() override { return natsMsg_Term(m_msg, nullptr) == NATS_OK; }

private:
    natsMsg* m_msg;
    std::string m_subject;
    std::string m_payload;
    std::uint64_t m_deliveries = 1;
};

} // namespace

FarmLimits farmLimits()
{
    FarmLimits limits;
    limits.leaseSeconds = environmentInt("PASSTHROUGH_FARM_LEASE_SECONDS", limits.leaseSeconds, 2, 3600);
    return limits;
}

struct Broker::Impl {
    BrokerAddress address;
    natsConnection* connection = nullptr;
    jsCtx* js = nullptr;
    kvStore* progress = nullptr;
    kvStore* commits = nullptr;
    natsSubscription* tasks = nullptr;
    std::mutex subscribe; // the pull subscription is made on first fetch

    [[noreturn]] void fail(const std::string& what, natsStatus status) const
    {
        throw Error(
            ErrorKind::Broker, "the broker " + address.display + " " + what + ": " + statusText(status));
    }
    kvStore* bucket(Bucket b) const { return b == Bucket::Progress ? progress : commits; }
    kvStore* openBucket(const char* name)
    {
        kvStore* kv = nullptr;
        if (js_KeyValue(&kv, js, name) == NATS_OK) {
            return kv;
        }
        kvConfig config;
        kvConfig_Init(&config);
        config.Bucket = name;
        config.History = 1;
        config.StorageType = js_FileStorage;
        const natsStatus status = js_CreateKeyValue(&kv, js, &config);
        if (status != NATS_OK && js_KeyValue(&kv, js, name) != NATS_OK) {
            fail(std::string("cannot make the bucket ") + name, status);
        }
        return kv;
    }
};

Broker::Broker(const std::string& url, const std::string& clientName, bool waitForServer)
    : m(std::make_unique<Impl>())
{
    m->address = parseBrokerUrl(url);
    natsOptions* options = nullptr;
    natsOptions_Create(&options);
    natsOptions_SetURL(options, m->address.url.c_str());
    natsOptions_SetName(options, clientName.c_str());
    // Ride out a broker restart or a network cut however long they last; notice a dead link
    // within seconds (pings every 3 s, two missed).
    natsOptions_SetMaxReconnect(options, -1);
    natsOptions_SetReconnectWait(options, 500);
    natsOptions_SetPingInterval(options, 3000);
    natsOptions_SetMaxPingsOut(options, 2);
    natsOptions_SetTimeout(options, 5000);
    natsOptions_SetReconnectBufSize(options, 8 * 1024 * 1024);
    if (m->address.tls) {
        natsOptions_SetSecure(options, true);
        if (const char* ca = std::getenv("PASSTHROUGH_BROKER_CA"); ca && *ca) {
            if (const natsStatus s = natsOptions_LoadCATrustedCertificates(options, ca); s != NATS_OK) {
                natsOptions_Destroy(options);
                m->fail(std::string("cannot use the certificate authority ") + ca, s);
            }
        }
    }
    if (waitForServer) {
        // With a callback, cnats keeps trying in the background and Connect returns at once
        // (without one it would retry inside Connect, forever, deaf to Ctrl-C).
        natsOptions_SetRetryOnFailedConnect(
            options, true, [](natsConnection*, void*) {}, nullptr);
    }
    natsStatus status = natsConnection_Connect(&m->connection, options);
    natsOptions_Destroy(options);
    if (status != NATS_OK && !(waitForServer && status == NATS_NOT_YET_CONNECTED)) {
        m->fail("cannot be reached", status);
    }
    jsOptions jsOpts;
    jsOptions_Init(&jsOpts);
    jsOpts.Wait = 10000;
    if ((status = natsConnection_JetStream(&m->js, m->connection, &jsOpts)) != NATS_OK) {
        m->fail("has no JetStream", status);
    }
}

Broker::~Broker()
{
    if (m->tasks) {
        natsSubscription_Destroy(m->tasks);
    }
    if (m->progress) {
        kvStore_Destroy(m->progress);
    }
    if (m->commits) {
        kvStore_Destroy(m->commits);
    }
    if (m->js) {
        jsCtx_Destroy(m->js);
    }
    if (m->connection) {
        natsConnection_Close(m->connection);
        natsConnection_Destroy(m->connection);
    }
}

const std::string& Broker::address() const
{
    return m->address.display;
}

bool Broker::connected() const
{
    return natsConnection_Status(m->connection) == NATS_CONN_STATUS_CONNECTED;
}

void Broker::ensureSetup(const FarmLimits& limits)
{
    jsStreamConfig stream;
    jsStreamConfig_Init(&stream);
    stream.Name = kStream;
    const char* subjects[] = { "pt.seg.>", "pt.join.>" };
    stream.Subjects = subjects;
    stream.SubjectsLen = 2;
    stream.Retention = js_WorkQueuePolicy;
    stream.Storage = js_FileStorage;
    stream.Duplicates = 3600 * kNanosPerSecond; // re-publications within an hour are dropped
    jsErrCode code = jsErrCode(0);
    jsStreamInfo* streamInfo = nullptr;
    natsStatus status = js_AddStream(&streamInfo, m->js, &stream, nullptr, &code);
    if (streamInfo) {
        jsStreamInfo_Destroy(streamInfo);
        streamInfo = nullptr;
    }
    if (status != NATS_OK && js_GetStreamInfo(&streamInfo, m->js, kStream, nullptr, &code) != NATS_OK) {
        m->fail("cannot make the task stream", status);
    }
    if (streamInfo) {
        jsStreamInfo_Destroy(streamInfo);
        streamInfo = nullptr;
    }
    jsConsumerConfig consumer;
    jsConsumerConfig_Init(&consumer);
    consumer.Durable = kConsumer;
    consumer.AckPolicy = js_AckExplicit;
    consumer.AckWait = std::int64_t(limits.leaseSeconds) * kNanosPerSecond;
    consumer.MaxDeliver = limits.maxDeliver;
    consumer.FilterSubject = kTaskSubjects;
    jsConsumerInfo* consumerInfo = nullptr;
    status = js_AddConsumer(&consumerInfo, m->js, kStream, &consumer, nullptr, &code);
    if (consumerInfo) {
        jsConsumerInfo_Destroy(consumerInfo);
        consumerInfo = nullptr;
    }
    if (status != NATS_OK
        && js_GetConsumerInfo(&consumerInfo, m->js, kStream, kConsumer, nullptr, &code) != NATS_OK) {
        m->fail("cannot make the task consumer", status);
    }
    if (consumerInfo) {
        jsConsumerInfo_Destroy(consumerInfo);
    }
    m->progress = m->progress ? m->progress : m->openBucket(kProgressBucket);
    m->commits = m->commits ? m->commits : m->openBucket(kCommitBucket);
}

bool Broker::publish(const std::string& subject, const std::string& payload, const std::string& msgId)
{
    jsPubOptions options;
    jsPubOptions_Init(&options);
    options.MsgId = msgId.c_str();
    jsPubAck* ack = nullptr;
    jsErrCode code = jsErrCode(0);
    const natsStatus status
        = js_Publish(&ack, m->js, subject.c_str(), payload.data(), int(payload.size()), &options, &code);
    if (status != NATS_OK) {
        m->fail("did not take the task " + subject, status);
    }
    const bool duplicate = ack && ack->Duplicate;
    jsPubAck_Destroy(ack);
    return !duplicate;
}

std::unique_ptr<TaskMessage> Broker::fetch(std::chrono::milliseconds timeout)
{
    {
        std::lock_guard lock(m->subscribe);
        if (!m->tasks) {
            jsSubOptions options;
            jsSubOptions_Init(&options);
            options.Stream = kStream;
            options.Consumer = kConsumer;
            jsErrCode code = jsErrCode(0);
            const natsStatus status
                = js_PullSubscribe(&m->tasks, m->js, kTaskSubjects, kConsumer, nullptr, &options, &code);
            if (status != NATS_OK) {
                m->tasks = nullptr;
                m->fail("gives no tasks", status);
            }
        }
    }
    natsMsgList list {};
    jsErrCode code = jsErrCode(0);
    const natsStatus status = natsSubscription_Fetch(&list, m->tasks, 1, timeout.count(), &code);
    if (status != NATS_OK || list.Count == 0) {
        natsMsgList_Destroy(&list);
        return nullptr; // nothing within the timeout, or the broker is away: the caller asks again
    }
    natsMsg* msg = list.Msgs[0];
    list.Msgs[0] = nullptr; // owned by the task message now
    natsMsgList_Destroy(&list);
    return std::make_unique<NatsTaskMessage>(msg);
}

std::pair<std::uint64_t, std::uint64_t> Broker::pendingTasks()
{
    jsConsumerInfo* info = nullptr;
    jsErrCode code = jsErrCode(0);
    const natsStatus status = js_GetConsumerInfo(&info, m->js, kStream, kConsumer, nullptr, &code);
    if (status != NATS_OK) {
        m->fail("cannot say how many tasks are left", status);
    }
    const auto counts = std::make_pair(std::uint64_t(info->NumPending), std::uint64_t(info->NumAckPending));
    jsConsumerInfo_Destroy(info);
    return counts;
}

std::optional<std::string> Broker::get(Bucket bucket, const std::string& key)
{
    kvEntry* entry = nullptr;
    const natsStatus status = kvStore_Get(&entry, m->bucket(bucket), key.c_str());
    if (status == NATS_NOT_FOUND) {
        return std::nullopt;
    }
    if (status != NATS_OK) {
        m->fail("cannot read " + key, status);
    }
    std::string value(static_cast<const char*>(kvEntry_Value(entry)), std::size_t(kvEntry_ValueLen(entry)));
    kvEntry_Destroy(entry);
    return value;
}

bool Broker::create(Bucket bucket, const std::string& key, const std::string& value)
{
    std::uint64_t revision = 0;
    const natsStatus status
        = kvStore_Create(&revision, m->bucket(bucket), key.c_str(), value.data(), int(value.size()));
    if (status == NATS_OK) {
        return true;
    }
    if (get(bucket, key)) {
        return false; // someone was first
    }
    m->fail("cannot write " + key, status);
}

void Broker::put(Bucket bucket, const std::string& key, const std::string& value)
{
    std::uint64_t revision = 0;
    if (const natsStatus status
        = kvStore_Put(&revision, m->bucket(bucket), key.c_str(), value.data(), int(value.size()));
        status != NATS_OK) {
        m->fail("cannot write " + key, status);
    }
}

void Broker::remove(Bucket bucket, const std::string& key)
{
    if (const natsStatus status = kvStore_Delete(m->bucket(bucket), key.c_str()); status != NATS_OK) {
        m->fail("cannot remove " + key, status);
    }
}

std::vector<std::pair<std::string, std::string>> Broker::entries(Bucket bucket, const std::string& prefix)
{
    kvWatchOptions options;
    kvWatchOptions_Init(&options);
    options.IgnoreDeletes = true;
    kvWatcher* watcher = nullptr;
    const std::string filter = prefix + ">";
    natsStatus status = kvStore_Watch(&watcher, m->bucket(bucket), filter.c_str(), &options);
    if (status != NATS_OK) {
        m->fail("cannot list " + filter, status);
    }
    std::vector<std::pair<std::string, std::string>> result;
    for (;;) {
        kvEntry* entry = nullptr;
        status = kvWatcher_Next(&entry, watcher, 5000);
        if (status != NATS_OK || !entry) {
            break; // a NULL entry: every current value has been seen
        }
        result.emplace_back(kvEntry_Key(entry),
            std::string(
                static_cast<const char*>(kvEntry_Value(entry)), std::size_t(kvEntry_ValueLen(entry))));
        kvEntry_Destroy(entry);
    }
    kvWatcher_Destroy(watcher);
    if (status != NATS_OK) {
        m->fail("cannot list " + filter, status);
    }
    return result;
}

} // namespace passthrough::farm
