#include "matting/rvm/statedict.h"

#include "util/error.h"

#include <torch/torch.h>

#include <caffe2/serialize/inline_container.h>
#include <cstring>
#include <fstream>
#include <memory>
#include <unordered_map>
#include <variant>
#include <vector>

namespace passthrough::rvm {
namespace {

struct Value;
using ValuePtr = std::shared_ptr<Value>;

struct Global {
    std::string module;
    std::string name;
};
struct Mark { };
struct None { };
struct StorageRef {
    std::string key;
    torch::ScalarType dtype;
};
using Tuple = std::vector<ValuePtr>;
using Dict = std::vector<std::pair<ValuePtr, ValuePtr>>;

struct Value {
    std::variant<None, Mark, bool, std::int64_t, double, std::string, Global, Tuple, Dict, StorageRef,
        torch::Tensor>
        v;
};

ValuePtr make(auto&& x)
{
    return std::make_shared<Value>(Value { std::forward<decltype(x)>(x) });
}

// A pickle protocol 2 interpreter for exactly what torch.save writes for a state dict.
class Unpickler {
public:
    Unpickler(const std::string& bytes, caffe2::serialize::PyTorchStreamReader& archive, std::string origin)
        : m_bytes(bytes)
        , m_archive(archive)
        , m_origin(std::move(origin))
    {
    }

    ValuePtr run()
    {
        for (;;) {
            const auto op = static_cast<unsigned char>(byte());
            switch (op) {
            case 0x80: // PROTO
                byte();
                break;
            case '.': // STOP
                return pop();
            case 'c': { // GLOBAL
                std::string module = line();
                std::string name = line();
                push(make(Global { module, name }));
                break;
            }
            case '(':
                push(make(Mark {}));
                break;
            case ')':
                push(make(Tuple {}));
                break;
            case '}':
                push(make(Dict {}));
                break;
            case 'N':
                push(make(None {}));
                break;
            case 0x88:
                push(make(true));
                break;
            case 0x89:
                push(make(false));
                break;
            case 'K':
                push(make(std::int64_t(static_cast<unsigned char>(byte()))));
                break;
            case 'M':
                push(make(std::int64_t(readLittle<std::uint16_t>())));
                break;
            case 'J':
                push(make(std::int64_t(readLittle<std::int32_t>())));
                break;
            case 0x8a: { // LONG1
                const int n = static_cast<unsigned char>(byte());
                std::int64_t value = 0;
                for (int i = 0; i < n; ++i) {
                    value |= std::int64_t(static_cast<unsigned char>(byte())) << (8 * i);
                }
                if (n > 0 && n < 8 && (value >> (8 * n - 1)) & 1) {
                    value -= std::int64_t(1) << (8 * n); // sign
                }
                push(make(value));
                break;
            }
            case 'G': { // BINFLOAT, big-endian
                std::uint64_t bits = 0;
                for (int i = 0; i < 8; ++i) {
                    bits = (bits << 8) | static_cast<unsigned char>(byte());
                }
                double d;
                std::memcpy(&d, &bits, sizeof d);
                push(make(d));
                break;
            }
            case 'X': { // BINUNICODE
                const auto n = readLittle<std::uint32_t>();
                push(make(take(n)));
                break;
            }
            case 't':
                push(make(popToMark()));
                break;
            case 0x85:
            case 0x86:
            case 0x87: {
                const int n = op - 0x84;
                Tuple t(std::size_t(n), nullptr);
                for (int i = n - 1; i >= 0; --i) {
                    t[std::size_t(i)] = pop();
                }
                push(make(std::move(t)));
                break;
            }
            case 'q':
                m_memo[static_cast<unsigned char>(byte())] = top();
                break;
            case 'r':
                m_memo[readLittle<std::uint32_t>()] = top();
                break;
            case 'h':
                push(memo(static_cast<unsigned char>(byte())));
                break;
            case 'j':
                push(memo(readLittle<std::uint32_t>()));
                break;
            case 'Q': // BINPERSID
                push(persistentLoad(pop()));
                break;
            case 'R': {
                ValuePtr args = pop();
                ValuePtr callable = pop();
                push(reduce(*callable, *args));
                break;
            }
            case 'u': { // SETITEMS
                Tuple items = popToMark();
                auto* dict = std::get_if<Dict>(&top()->v);
                if (!dict || items.size() % 2) {
                    fail("SETITEMS without a dict");
                }
                for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
                    dict->emplace_back(items[i], items[i + 1]);
                }
                break;
            }
            case 's': {
                ValuePtr value = pop();
                ValuePtr key = pop();
                auto* dict = std::get_if<Dict>(&top()->v);
                if (!dict) {
                    fail("SETITEM without a dict");
                }
                dict->emplace_back(key, value);
                break;
            }
            case 'b': // BUILD: attributes such as _metadata; not needed for the tensors
                pop();
                break;
            default:
                fail("unsupported pickle opcode 0x" + hex(op));
            }
        }
    }

private:
    [[noreturn]] void fail(const std::string& why) const
    {
        throw Error(ErrorKind::Model,
            "cannot read the model " + m_origin + ": it is not a PyTorch state dict (" + why + ")");
    }
    static std::string hex(unsigned value)
    {
        char text[8];
        std::snprintf(text, sizeof text, "%02x", value);
        return text;
    }
    char byte()
    {
        if (m_pos >= m_bytes.size()) {
            fail("the pickle ends early");
        }
        return m_bytes[m_pos++];
    }
    std::string take(std::size_t n)
    {
        if (m_pos + n > m_bytes.size()) {
            fail("the pickle ends early");
        }
        std::string s = m_bytes.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    std::string line()
    {
        const auto end = m_bytes.find('\n', m_pos);
        if (end == std::string::npos) {
            fail("a GLOBAL is not terminated");
        }
        std::string s = m_bytes.substr(m_pos, end - m_pos);
        m_pos = end + 1;
        return s;
    }
    template <typename T> T readLittle()
    {
        const std::string raw = take(sizeof(T));
        T value;
        std::memcpy(&value, raw.data(), sizeof(T)); // x86 and ARM hosts are little-endian
        return value;
    }
    void push(ValuePtr v) { m_stack.push_back(std::move(v)); }
    ValuePtr top()
    {
        if (m_stack.empty()) {
            fail("stack underflow");
        }
        return m_stack.back();
    }
    ValuePtr pop()
    {
        ValuePtr v = top();
        m_stack.pop_back();
        return v;
    }
    ValuePtr memo(std::uint32_t index)
    {
        const auto it = m_memo.find(index);
        if (it == m_memo.end()) {
            fail("a memo entry is missing");
        }
        return it->second;
    }
    Tuple popToMark()
    {
        Tuple items;
        while (true) {
            ValuePtr v = pop();
            if (std::holds_alternative<Mark>(v->v)) {
                break;
            }
            items.push_back(v);
        }
        std::reverse(items.begin(), items.end());
        return items;
    }

    ValuePtr persistentLoad(const ValuePtr& pid)
    {
        // ('storage', <torch.XStorage>, key, location, numel)
        const auto* t = std::get_if<Tuple>(&pid->v);
        if (!t || t->size() < 3) {
            fail("an unexpected persistent id");
        }
        const auto* cls = std::get_if<Global>(&(*t)[1]->v);
        const auto* key = std::get_if<std::string>(&(*t)[2]->v);
        if (!cls || !key) {
            fail("an unexpected storage reference");
        }
        static const std::unordered_map<std::string, torch::ScalarType> types {
            { "FloatStorage", torch::kFloat32 }, { "DoubleStorage", torch::kFloat64 },
            { "HalfStorage", torch::kFloat16 }, { "LongStorage", torch::kInt64 },
            { "IntStorage", torch::kInt32 }, { "ByteStorage", torch::kUInt8 },
            { "BoolStorage", torch::kBool }, { "BFloat16Storage", torch::kBFloat16 }
        };
        const auto type = types.find(cls->name);
        if (type == types.end()) {
            fail("storage type " + cls->name);
        }
        return make(StorageRef { *key, type->second });
    }

    torch::Tensor storage(const StorageRef& ref)
    {
        if (auto it = m_storages.find(ref.key); it != m_storages.end()) {
            return it->second;
        }
        auto [data, size] = m_archive.getRecord("data/" + ref.key);
        const auto elementSize = torch::elementSize(ref.dtype);
        torch::Tensor flat = torch::empty({ std::int64_t(size / elementSize) }, ref.dtype);
        std::memcpy(flat.data_ptr(), data.get(), size);
        m_storages[ref.key] = flat;
        return flat;
    }

    std::vector<std::int64_t> ints(const ValuePtr& v)
    {
        std::vector<std::int64_t> out;
        const auto* t = std::get_if<Tuple>(&v->v);
        if (!t) {
            fail("a tensor shape is not a tuple");
        }
        for (const auto& e : *t) {
            const auto* i = std::get_if<std::int64_t>(&e->v);
            if (!i) {
                fail("a tensor shape holds a non-integer");
            }
            out.push_back(*i);
        }
        return out;
    }

    ValuePtr reduce(const Value& callable, const Value& args)
    {
        const auto* g = std::get_if<Global>(&callable.v);
        const auto* a = std::get_if<Tuple>(&args.v);
        if (!g || !a) {
            fail("REDUCE of something that is not a known class");
        }
        if (g->module == "collections" && g->name == "OrderedDict") {
            return make(Dict {});
        }
        if (g->module == "torch.jit._pickle" && g->name == "restore_type_tag" && !a->empty()) {
            return (*a)[0]; // a dict saved from C++ (torch::pickle_save) with its type annotation
        }
        if (g->module == "torch._utils" && g->name == "_rebuild_tensor_v2" && a->size() >= 4) {
            const auto* ref = std::get_if<StorageRef>(&(*a)[0]->v);
            const auto* offset = std::get_if<std::int64_t>(&(*a)[1]->v);
            if (!ref || !offset) {
                fail("a tensor without storage");
            }
            const torch::Tensor flat = storage(*ref);
            return make(flat.as_strided(ints((*a)[2]), ints((*a)[3]), *offset).clone());
        }
        fail("the class " + g->module + "." + g->name);
    }

    const std::string& m_bytes;
    caffe2::serialize::PyTorchStreamReader& m_archive;
    std::string m_origin;
    std::size_t m_pos = 0;
    std::vector<ValuePtr> m_stack;
    std::unordered_map<std::uint32_t, ValuePtr> m_memo;
    std::unordered_map<std::string, torch::Tensor> m_storages;
};

} // namespace

StateDict loadStateDict(const std::filesystem::path& file)
{
    const std::string name = file.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        throw Error(ErrorKind::Model, "cannot open the model " + name + ": no such file");
    }
    {
        std::ifstream in(file, std::ios::binary);
        char magic[2] = {};
        in.read(magic, 2);
        if (magic[0] != 'P' || magic[1] != 'K') {
            throw Error(ErrorKind::Model,
                "cannot read the model " + name
                    + ": it is not a PyTorch .pth file (not a torch.save zip archive; legacy pre-1.6 files "
                      "are not supported)");
        }
    }
    std::unique_ptr<caffe2::serialize::PyTorchStreamReader> archive;
    std::string pickle;
    try {
        archive = std::make_unique<caffe2::serialize::PyTorchStreamReader>(name);
        if (!archive->hasRecord("data.pkl")) {
            throw Error(
                ErrorKind::Model, "cannot read the model " + name + ": the archive holds no data.pkl");
        }
        auto [data, size] = archive->getRecord("data.pkl");
        pickle.assign(static_cast<const char*>(data.get()), size);
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::Model,
            "cannot read the model " + name + ": the archive is damaged or incomplete ("
                + e.what_without_backtrace() + ")");
    }
    ValuePtr root;
    try {
        root = Unpickler(pickle, *archive, name).run();
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::Model,
            "cannot read the model " + name + ": a tensor record is damaged or missing ("
                + e.what_without_backtrace() + ")");
    }
    const auto* dict = std::get_if<Dict>(&root->v);
    if (!dict) {
        throw Error(ErrorKind::Model,
            "cannot read the model " + name
                + ": it holds no dict of tensors (a whole pickled model or a TorchScript file?)");
    }
    StateDict result;
    for (const auto& [key, value] : *dict) {
        const auto* k = std::get_if<std::string>(&key->v);
        const auto* t = std::get_if<torch::Tensor>(&value->v);
        if (!k || !t) {
            throw Error(ErrorKind::Model,
                "cannot read the model " + name + ": an entry of its dict is not a named tensor");
        }
        result[*k] = *t;
    }
    return result;
}

} // namespace passthrough::rvm
