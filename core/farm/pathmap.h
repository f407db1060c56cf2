#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace passthrough::farm {

// Where a worker finds what the submitter named: machines mount the same share under other
// names (\\nas\jobs on Windows, /mnt/jobs here), so paths from job.json and from tasks are
// rewritten by --map-path FROM=TO rules (the longest FROM that prefixes the path wins;
// backslashes count as separators, and Windows-looking FROMs match without regard to case).
// A worker only works in job folders under its --storage-root folders.
class PathMap {
public:
    // "FROM=TO"; throws Error(Usage) for anything else.
    void addRule(const std::string& spec);
    void addStorageRoot(const std::filesystem::path& root);

    [[nodiscard]] std::filesystem::path map(const std::string& path) const;
    [[nodiscard]] bool underStorageRoot(const std::filesystem::path& path) const;
    [[nodiscard]] const std::vector<std::filesystem::path>& storageRoots() const { return m_roots; }
    [[nodiscard]] std::string describeRoots() const;

private:
    struct Rule {
        std::string from; // separators as '/', without a trailing one
        std::filesystem::path to;
        bool ignoreCase = false;
    };
    std::vector<Rule> m_rules;
    std::vector<std::filesystem::path> m_roots;
};

} // namespace passthrough::farm
