#pragma once

#include <QApplication>
#include <QScreen>
#include <QString>
#include <QTest>
#include <QWidget>

namespace passthrough::test {

// Saves `window` as `folder`/`name`.png when `folder` is set (scripts/take-screenshots.sh sets
// PTS_SCREENSHOT_DIR and runs the window's suites under Xvfb). Read back from the X server once
// painted there, not with QWidget::grab(): the sample's video widget draws through a path that
// a widget grab leaves blank.
inline void saveScreenshot(QWidget* window, const QString& folder, const QString& name)
{
    if (folder.isEmpty()) {
        return;
    }
    window->repaint();
    QTest::qWait(500);
    window->screen()
        ->grabWindow(window->winId())
        .save(folder + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace passthrough::test
