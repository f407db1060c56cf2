#include "farm/pathmap.h"

#include "util/error.h"

#include <algorithm>
#include <cctype>

namespace passthrough::farm {
namespace {

std::string withSlashes(std::string path)
{
    std::replace(path.begin(), path.end(), '\\', '/');
    while (path.size() > 1 && path.back() == '/') {
        path.pop_back();
    }
    return path;
}

bool looksLikeWindows(const std::string& path)
{
    return path.starts_with("//")
        || (path.size() >= 2 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':');
}

bool samePrefix(const std::string& path, const std::string& prefix, bool ignoreCase)
{
    if (path.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const auto a = static_cast<unsigned char>(path[i]);
        const auto b = static_cast<unsigned char>(prefix[i]);
        if (ignoreCase ? std::tolower(a) != std::tolower(b) : a != b) {
            return false;
        }
    }
    // Whole components only: /mnt/jobs does not prefix /mnt/jobs2.
    return path.size() == prefix.size() || path[prefix.size()] == '/';
}

std::filesystem::path canonicalOf(const std::filesystem::path& path)
{
    std::error_code ec;
    auto canonical = std::filesystem::weakly_canonical(path, ec);
    return ec ? path.lexically_normal() : canonical;
}

} // namespace

void PathMap::addRule(const std::string& spec)
{
    const auto equals = spec.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == spec.size()) {
        throw Error(ErrorKind::Usage, "--map-path takes FROM=TO, not '" + spec + "'");
    }
    const std::string from = withSlashes(spec.substr(0, equals));
    m_rules.push_back(Rule { from, std::filesystem::path(spec.substr(equals + 1)), looksLikeWindows(from) });
    std::stable_sort(m_rules.begin(), m_rules.end(),
        [](const Rule& a, const Rule& b) { return a.from.size() > b.from.size(); });
}

void PathMap::addStorageRoot(const std::filesystem::path& root)
{
    m_roots.push_back(canonicalOf(std::filesystem::absolute(root)));
}

std::filesystem::path PathMap::map(const std::string& path) const
{
    const std::string normal = withSlashes(path);
    for (const Rule& rule : m_rules) {
        if (samePrefix(normal, rule.from, rule.ignoreCase)) {
            std::string rest = normal.substr(rule.from.size());
            while (!rest.empty() && rest.front() == '/') {
                rest.erase(rest.begin());
            }
            return rest.empty() ? rule.to : rule.to / rest;
        }
    }
    return std::filesystem::path(path);
}

bool PathMap::underStorageRoot(const std::filesystem::path& path) const
{
    const auto canonical = canonicalOf(path);
    return std::any_of(m_roots.begin(), m_roots.end(), [&](const std::filesystem::path& root) {
        const auto rel = canonical.lexically_relative(root);
        return !rel.empty() && *rel.begin() != "..";
    });
}

std::string PathMap::describeRoots() const
{
    if (m_roots.empty()) {
        return "none given (--storage-root)";
    }
    std::string text;
    for (const auto& root : m_roots) {
        text += (text.empty() ? "" : ", ") + root.string();
    }
    return text;
}

} // namespace passthrough::farm
