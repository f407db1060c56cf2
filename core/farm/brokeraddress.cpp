#include "farm/brokeraddress.h"

#include "util/error.h"

namespace passthrough::farm {
namespace {

// Where the scheme ends ("nats://" or "tls://"), or npos for anything else.
std::size_t schemeEnd(const std::string& url)
{
    for (const char* scheme : { "nats://", "tls://" }) {
        if (url.starts_with(scheme)) {
            return std::string(scheme).size();
        }
    }
    return std::string::npos;
}

} // namespace

BrokerAddress parseBrokerUrl(const std::string& text)
{
    BrokerAddress address;
    std::string rest;
    if (text.starts_with("nats://")) {
        rest = text.substr(7);
    } else if (text.starts_with("tls://")) {
        rest = text.substr(6);
        address.tls = true;
    } else {
        throw Error(ErrorKind::Usage,
            "the broker address must look like nats://host:4222 or tls://user:password@host:4222, not '"
                + text + "'");
    }
    if (rest.empty() || rest.find_first_of(" \t\r\n,") != std::string::npos) {
        throw Error(ErrorKind::Usage, "the broker address '" + text + "' names no host");
    }
    address.url = "nats://" + rest;
    // The password never appears in messages and logs.
    const std::string scheme = address.tls ? "tls://" : "nats://";
    const auto at = rest.rfind('@');
    if (at == std::string::npos) {
        address.display = scheme + rest;
    } else {
        const std::string user = rest.substr(0, at);
        const auto colon = user.find(':');
        address.display = scheme + user.substr(0, colon) + (colon == std::string::npos ? "" : ":***") + "@"
            + rest.substr(at + 1);
    }
    return address;
}

BrokerPasswordSplit splitBrokerPassword(const std::string& url)
{
    const std::size_t start = schemeEnd(url);
    const std::size_t at = url.rfind('@');
    if (start == std::string::npos || at == std::string::npos || at < start) {
        return { url, {} };
    }
    const std::size_t colon = url.find(':', start);
    if (colon == std::string::npos || colon > at) {
        return { url, {} }; // a user name (or a token) only
    }
    return { url.substr(0, colon) + url.substr(at), url.substr(colon + 1, at - colon - 1) };
}

std::string withBrokerPassword(const std::string& address, const std::string& password)
{
    if (password.empty()) {
        return address;
    }
    const BrokerPasswordSplit bare = splitBrokerPassword(address);
    const std::size_t start = schemeEnd(bare.address);
    const std::size_t at = bare.address.rfind('@');
    if (start == std::string::npos || at == std::string::npos || at < start) {
        return address;
    }
    return bare.address.substr(0, at) + ":" + password + bare.address.substr(at);
}

} // namespace passthrough::farm
