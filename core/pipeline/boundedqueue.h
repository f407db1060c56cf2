#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace passthrough {

// A blocking FIFO of fixed capacity joining two pipeline threads: the producer waits when the
// consumer falls behind, so memory stays flat however long the video is. close() ends the
// stream normally (the consumer drains what is left); abort() ends it at once (an error or a
// cancel) and wakes both sides. Thread-safe.
template <typename T> class BoundedQueue {
public:
    explicit BoundedQueue(std::size_t capacity)
        : m_capacity(capacity)
    {
    }

    // Returns false when the queue was aborted or closed; the item is then dropped.
    bool push(T item)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_items.size() < m_capacity || m_closed || m_aborted; });
        if (m_closed || m_aborted) {
            return false;
        }
        m_items.push_back(std::move(item));
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
        T item = std::move(m_items.front());
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
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }

private:
    std::size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::deque<T> m_items;
    bool m_closed = false;
    bool m_aborted = false;
};

} // namespace passthrough
