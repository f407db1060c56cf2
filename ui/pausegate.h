#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace passthrough::ui {

// Holds a running job at a frame boundary: the job's progress callback (called after every
// encoded frame) waits here while paused, and the decode and matte threads stop as soon as their
// bounded queues fill. Cancel wakes it, so a paused job can still be stopped.
class PauseGate {
public:
    void pause();
    void resume();
    void cancel();
    void reset(); // before a new run: not paused, not cancelled
    [[nodiscard]] const std::atomic<bool>& cancelFlag() const { return m_cancel; }
    void waitWhilePaused();

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_paused = false;
    std::atomic<bool> m_cancel { false };
};

} // namespace passthrough::ui
