#include "pausegate.h"

namespace passthrough::ui {

void PauseGate::pause()
{
    std::lock_guard lock(m_mutex);
    m_paused = true;
}

void PauseGate::resume()
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = false;
    }
    m_changed.notify_all();
}

void PauseGate::cancel()
{
    {
        std::lock_guard lock(m_mutex);
        m_cancel = true;
        m_paused = false;
    }
    m_changed.notify_all();
}

void PauseGate::reset()
{
    std::lock_guard lock(m_mutex);
    m_paused = false;
    m_cancel = false;
}

void PauseGate::waitWhilePaused()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_paused || m_cancel; });
}

} // namespace passthrough::ui
