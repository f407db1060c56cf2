#pragma once

#include <string>

namespace passthrough::farm {

// The broker's address as the user gives it: nats://[user:pass@]host[:port] or tls://…
// (TLS, with the certificate authority from $PASSTHROUGH_BROKER_CA when set). `display` hides
// the password. Throws Error(Usage) for anything else.
struct BrokerAddress {
    std::string url;
    bool tls = false;
    std::string display;
};
BrokerAddress parseBrokerUrl(const std::string& text);

// The password of an address kept apart from the rest, so the window can show it masked:
// "nats://farm:secret@host:4222" -> { "nats://farm@host:4222", "secret" }. An address without
// a password (or one that is not a broker address at all) comes back whole with no password.
// A bare token ("nats://token@host") is a user name here and stays in the address.
struct BrokerPasswordSplit {
    std::string address;
    std::string password;
};
BrokerPasswordSplit splitBrokerPassword(const std::string& url);

// The inverse: `password` put back into `address` (replacing one it already has); an empty
// password leaves the address as it is. Without a user name, the password cannot be placed
// and the address comes back unchanged.
std::string withBrokerPassword(const std::string& address, const std::string& password);

} // namespace passthrough::farm
