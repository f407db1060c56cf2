#pragma once

#include <condition_variable>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>

namespace passthrough {

// A blocking FIFO joining two pipeline threads, bounded in items and in bytes: the producer waits
// when the consumer falls behind, so memory stays flat however long the video is and however
// large its frames (an 8K frame and its matte weigh a hundred times a 1080p one). One item is
// always let in, whatever it weighs, so that a single huge frame cannot stall the pipeline. close() ends the
// stream normally (the consumer drains what is left); abort() ends it at once (an error or a
// cancel) and wakes both sides. Thread-safe.
template <typename T> class BoundedQueue {
public:
    explicit BoundedQueue(
        std::size_t maxItems, std::size_t maxBytes = std::numeric_limits<std::size_t>::max())
        : m_maxItems(maxItems)
        , m_maxBytes(maxBytes)
    {
    }

    // `bytes` is what the item holds in memory. Returns false when the queue was aborted or
    // closed; the item is then dropped.
    bool push(T item, std::size_t bytes = 0)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] {
            return m_items.empty() || (m_items.size() < m_maxItems && m_bytes + bytes <= m_maxBytes)
                || m_closed || m_aborted;
        });
        if (m_closed || m_aborted) {
            return false;
        }
        m_bytes += bytes;
        m_items.push_back({ std::move(item), bytes });
        m_notEmpty.notify_one();
        return true;
    }

    // Returns nullopt when the queue is aborted, or closed and empty.
    std::optional<T> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_items.empty() || m_closed || m_aborted; });
        if (m_aborted || m_items.empty()) {
            return std::nullopt;
        }
        T item = std::move(m_items.front().item);
        m_bytes -= m_items.front().bytes;
        m_items.pop_front();
        m_notFull.notify_one();
        return item;
    }

    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }

    void abort()
    {
        std::lock_guard lock(m_mutex);
        m_aborted = true;
        m_items.clear();
        m_bytes = 0;
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }

private:
    struct Entry {
        T item;
        std::size_t bytes;
    };
    std::size_t m_maxItems;
    std::size_t m_maxBytes;
    std::size_t m_bytes = 0;
    std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::deque<Entry> m_items;
    bool m_closed = false;
    bool m_aborted = false;
};

} // namespace passthrough
