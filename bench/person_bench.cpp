// The person model's cost: MoveNet MultiPose on an H x W input (the graph alone), and the
// person pass over a video (decode, eyes, detection, tracking) in frames/s, with what it found:
// people per eye and frame (score above the decisions' threshold), how many of the left eye's
// were paired with one in the right eye, and how many tracks (fewer: a person kept their
// identity). Run at --size 256 and 384 on the same video to compare the input sizes.
//   person-bench MODEL_DIR [--size 256] [--runs 20] [--threads 2] [--video FILE]
#include "media/mediainfo.h"
#include "person/movenet.h"
#include "person/persondecisions.h"
#include "person/personmatte.h"
#include "person/personpass.h"

#include <torch/types.h>
#include <torch/utils.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

using namespace passthrough;

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(
            stderr, "usage: person-bench MODEL_DIR [--size 256] [--runs 20] [--threads 2] [--video FILE]\n");
        return 2;
    }
    int size = 256;
    int runs = 20;
    int threads = 2;
    std::string video;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--size") {
            size = std::atoi(argv[i + 1]);
        } else if (option == "--runs") {
            runs = std::atoi(argv[i + 1]);
        } else if (option == "--threads") {
            threads = std::atoi(argv[i + 1]);
        } else if (option == "--video") {
            video = argv[i + 1];
        }
    }
    torch::set_num_threads(threads);
    // What a caller pays before the first image: reading the graph and its weights, and the
    // first run (oneDNN's set-up of each convolution).
    const auto loadStart = std::chrono::steady_clock::now();
    const person::MoveNet model(argv[1], torch::Device(torch::kCPU));
    const auto loaded = std::chrono::steady_clock::now();
    const torch::Tensor input = torch::randint(0, 256, { 1, size, size, 3 }, torch::kInt);
    (void)model.run(input);
    const auto firstRun = std::chrono::steady_clock::now();
    std::printf("movenet load %.0f ms, first run %.0f ms\n",
        std::chrono::duration<double, std::milli>(loaded - loadStart).count(),
        std::chrono::duration<double, std::milli>(firstRun - loaded).count());
    const auto start = std::chrono::steady_clock::now();
    for (int r = 0; r < runs; ++r) {
        (void)model.run(input);
    }
    const double ms
        = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / runs;
    std::printf("movenet %dx%d, %d threads: %.1f ms per image\n", size, size, threads, ms);
    // The matte split for a frame with three people, one removed, on two 1024x1024 eyes.
    {
        person::FramePeople frame;
        for (int e = 0; e < 2; ++e) {
            for (int i = 0; i < 3; ++i) {
                person::EyePerson p;
                p.pose.left = 0.1F + 0.3F * float(i);
                p.pose.right = p.pose.left + 0.25F;
                p.pose.top = 0.2F;
                p.pose.bottom = 0.95F;
                p.pose.score = 0.6F;
                for (int k = 0; k < person::KeypointCount; ++k) {
                    p.pose.keypoints[std::size_t(k)]
                        = { p.pose.left + 0.125F + 0.01F * float(k % 3), 0.22F + 0.04F * float(k), 0.8F };
                }
                frame.eyes[std::size_t(e)].push_back(p);
            }
        }
        const std::array<std::vector<bool>, 2> removed { std::vector<bool> { false, true, false },
            std::vector<bool> { false, true, false } };
        (void)person::personMatteFactor(
            frame, removed, { false, false }, 2, 1024, 1024, 1024, 1024, torch::Device(torch::kCPU));
        const auto splitStart = std::chrono::steady_clock::now();
        for (int r = 0; r < runs; ++r) {
            (void)person::personMatteFactor(
                frame, removed, { false, false }, 2, 1024, 1024, 1024, 1024, torch::Device(torch::kCPU));
        }
        std::printf("matte split, 2 eyes of 1024x1024, 3 people: %.1f ms per frame\n",
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - splitStart).count()
                / runs);
    }
    if (!video.empty()) {
        const MediaInfo info = probeMedia(video, std::nullopt, false);
        const auto passStart = std::chrono::steady_clock::now();
        const person::PeopleTimeline t = person::findPeople(info, info.layout, model, size, nullptr, {});
        const double seconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - passStart).count();
        std::printf("person pass over %s at %d: %zu frames, %d eyes, %.2f frames/s\n", video.c_str(), size,
            t.frames.size(), t.eyeCount, double(t.frames.size()) / seconds);
        std::array<std::size_t, 2> people {};
        std::size_t paired = 0;
        std::set<int> tracks;
        for (const person::FramePeople& frame : t.frames) {
            std::set<int> right;
            for (const person::EyePerson& p : frame.eyes[1]) {
                if (p.pose.score > person::kPersonScore) {
                    ++people[1];
                    right.insert(p.track);
                }
            }
            for (const person::EyePerson& p : frame.eyes[0]) {
                if (p.pose.score > person::kPersonScore) {
                    ++people[0];
                    tracks.insert(p.track);
                    paired += p.track >= 0 && right.count(p.track) ? 1 : 0;
                }
            }
        }
        const double frames = double(std::max<std::size_t>(t.frames.size(), 1));
        std::printf("  people per frame: left %.2f, right %.2f; left-eye people paired in the right eye: "
                    "%.1f %%; tracks: %zu\n",
            double(people[0]) / frames, double(people[1]) / frames,
            t.eyeCount == 2 && people[0] > 0 ? 100.0 * double(paired) / double(people[0]) : 0.0,
            tracks.size());
    }
    return 0;
}
