#pragma once

#include "person/tfjsjson.h"

#include <string>
#include <unordered_map>

namespace passthrough::person::tfjs {

using Weights = std::unordered_map<std::string, GraphConstant>;

// model.json's weightsManifest: each group's shards (bare file names beside model.json, read
// through `readShard`) hold its entries in manifest order, packed without gaps (TF.js's format).
// Float tensors stored as float16 are widened, as TF.js does when it loads them; nothing else is
// converted. Every entry is bounds-checked against the shards' bytes, which must be used exactly.
Weights readWeights(const json& manifest, const ShardReader& readShard, const JsonChecks& checks);

} // namespace passthrough::person::tfjs
