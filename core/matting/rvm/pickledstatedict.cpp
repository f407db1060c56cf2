#include "matting/rvm/pickledstatedict.h"

#include "util/error.h"
#include "util/storedzip.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
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
    StorageType type;
};
using Tuple = std::vector<ValuePtr>;
using Dict = std::vector<std::pair<ValuePtr, ValuePtr>>;

struct Value {
    std::variant<None, Mark, bool, std::int64_t, double, std::string, Global, Tuple, Dict, StorageRef,
        TensorRecord>
        v;
};

ValuePtr make(auto&& x)
{
    return std::make_shared<Value>(Value { std::forward<decltype(x)>(x) });
}

// A pickle protocol 2 interpreter for exactly what torch.save writes for a state dict.
//
// Every size, index and type is checked: the file may come from anywhere. Containers are kept
// in a registry and emptied when the unpickler ends, so that neither a deeply nested pickle
// (recursive destruction) nor a dict that holds itself (a reference cycle) can hurt.
class Unpickler {
public:
    Unpickler(std::string_view bytes, const StoredZip& archive, std::string prefix, std::string origin)
        : m_bytes(bytes)
        , m_archive(archive)
        , m_prefix(std::move(prefix))
        , m_origin(std::move(origin))
    {
    }
    ~Unpickler()
    {
        for (const ValuePtr& container : m_containers) {
            if (auto* t = std::get_if<Tuple>(&container->v)) {
                t->clear();
            } else if (auto* d = std::get_if<Dict>(&container->v)) {
                d->clear();
            }
        }
        m_stack.clear();
        m_memo.clear();
    }
    Unpickler(const Unpickler&) = delete;
    Unpickler& operator=(const Unpickler&) = delete;

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
                push(container(Tuple {}));
                break;
            case '}':
                push(container(Dict {}));
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
                if (n > 8) {
                    fail("an integer wider than 64 bits");
                }
                std::uint64_t bits = 0;
                for (int i = 0; i < n; ++i) {
                    bits |= std::uint64_t(static_cast<unsigned char>(byte())) << (8 * i);
                }
                if (n > 0 && n < 8 && ((bits >> (8 * n - 1)) & 1)) {
                    bits |= ~std::uint64_t(0) << (8 * n); // sign-extend
                }
                std::int64_t value;
                std::memcpy(&value, &bits, sizeof value);
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
                push(make(std::string(take(n))));
                break;
            }
            case 't':
                push(container(popToMark()));
                break;
            case 0x85:
            case 0x86:
            case 0x87: {
                const int n = op - 0x84;
                Tuple t(std::size_t(n), nullptr);
                for (int i = n - 1; i >= 0; --i) {
                    t[std::size_t(i)] = pop();
                }
                push(container(std::move(t)));
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
            case 0x95: // FRAME (protocol 4): a length hint, nothing to do
                take(8);
                break;
            case 0x8c: { // SHORT_BINUNICODE
                const int n = static_cast<unsigned char>(byte());
                push(make(std::string(take(std::size_t(n)))));
                break;
            }
            case 0x94: // MEMOIZE
                m_memo[std::uint32_t(m_memo.size())] = top();
                break;
            case 0x93: { // STACK_GLOBAL
                ValuePtr name = pop();
                ValuePtr module = pop();
                const auto* n = std::get_if<std::string>(&name->v);
                const auto* m = std::get_if<std::string>(&module->v);
                if (!n || !m) {
                    fail("STACK_GLOBAL of something that is not a name");
                }
                push(make(Global { *m, *n }));
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
    std::string_view take(std::size_t n)
    {
        if (n > m_bytes.size() - m_pos) {
            fail("the pickle ends early");
        }
        std::string_view s = m_bytes.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    std::string line()
    {
        const auto end = m_bytes.find('\n', m_pos);
        if (end == std::string_view::npos || end - m_pos > 256) {
            fail("a GLOBAL is not terminated");
        }
        std::string s(m_bytes.substr(m_pos, end - m_pos));
        m_pos = end + 1;
        return s;
    }
    template <typename T> T readLittle()
    {
        const std::string_view raw = take(sizeof(T));
        T value;
        std::memcpy(&value, raw.data(), sizeof(T)); // x86 and ARM hosts are little-endian
        return value;
    }
    void push(ValuePtr v) { m_stack.push_back(std::move(v)); }
    ValuePtr container(auto&& x)
    {
        ValuePtr v = make(std::forward<decltype(x)>(x));
        m_containers.push_back(v);
        return v;
    }
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
        static const std::unordered_map<std::string, StorageType> types {
            { "FloatStorage", StorageType::Float32 }, { "DoubleStorage", StorageType::Float64 },
            { "HalfStorage", StorageType::Float16 }, { "LongStorage", StorageType::Int64 },
            { "IntStorage", StorageType::Int32 }, { "ByteStorage", StorageType::UInt8 },
            { "BoolStorage", StorageType::Bool }, { "BFloat16Storage", StorageType::BFloat16 }
        };
        const auto type = types.find(cls->name);
        if (type == types.end()) {
            fail("storage type " + cls->name);
        }
        return make(StorageRef { *key, type->second });
    }

    // The bytes of a storage record, a whole number of elements of its type.
    std::string_view storage(const StorageRef& ref)
    {
        const std::string name = m_prefix + "data/" + ref.key;
        if (!m_archive.has(name)) {
            fail("the tensor data " + name + " is missing");
        }
        const std::string_view bytes = m_archive.record(name);
        if (bytes.size() % elementSize(ref.type) != 0) {
            fail("the tensor data " + name + " is not a whole number of elements");
        }
        return bytes;
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

    // A view (sizes, strides, offset) must stay inside its storage, and a tensor of a state dict
    // has few dimensions: checked before LibTorch builds it.
    void checkView(const std::vector<std::int64_t>& sizes, const std::vector<std::int64_t>& strides,
        std::int64_t offset, std::int64_t storageElements)
    {
        if (sizes.size() != strides.size() || sizes.size() > 8) {
            fail("a tensor with a malformed shape");
        }
        if (offset < 0) {
            fail("a tensor with a negative offset");
        }
        std::int64_t last = offset; // the highest element index the view reads
        bool empty = false;
        for (std::size_t i = 0; i < sizes.size(); ++i) {
            if (sizes[i] < 0 || strides[i] < 0 || sizes[i] > (std::int64_t(1) << 40)
                || strides[i] > (std::int64_t(1) << 40)) {
                fail("a tensor with a malformed shape");
            }
            empty = empty || sizes[i] == 0;
            if (sizes[i] > 0) {
                last += (sizes[i] - 1) * strides[i];
            }
        }
        if (!empty && last >= storageElements) {
            fail("a tensor reaches past its data");
        }
    }

    ValuePtr reduce(const Value& callable, const Value& args)
    {
        const auto* g = std::get_if<Global>(&callable.v);
        const auto* a = std::get_if<Tuple>(&args.v);
        if (!g || !a) {
            fail("REDUCE of something that is not a known class");
        }
        if (g->module == "collections" && g->name == "OrderedDict") {
            return container(Dict {}); // registered: a SETITEM may put the dict into itself
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
            TensorRecord tensor;
            tensor.type = ref->type;
            tensor.storageKey = ref->key;
            tensor.data = storage(*ref);
            tensor.offset = *offset;
            tensor.sizes = ints((*a)[2]);
            tensor.strides = ints((*a)[3]);
            checkView(tensor.sizes, tensor.strides, tensor.offset,
                std::int64_t(tensor.data.size() / elementSize(tensor.type)));
            return make(std::move(tensor));
        }
        fail("the class " + g->module + "." + g->name);
    }

    std::string_view m_bytes;
    const StoredZip& m_archive;
    std::string m_prefix; // "archive/": the folder torch.save puts the records in
    std::string m_origin;
    std::vector<ValuePtr> m_containers;
    std::size_t m_pos = 0;
    std::vector<ValuePtr> m_stack;
    std::unordered_map<std::uint32_t, ValuePtr> m_memo;
};

} // namespace

std::size_t elementSize(StorageType type)
{
    switch (type) {
    case StorageType::Float64:
    case StorageType::Int64:
        return 8;
    case StorageType::Float32:
    case StorageType::Int32:
        return 4;
    case StorageType::Float16:
    case StorageType::BFloat16:
        return 2;
    case StorageType::UInt8:
    case StorageType::Bool:
        return 1;
    }
    return 1;
}

std::vector<TensorRecord> readPickledStateDict(const StoredZip& archive, const std::string& origin)
{
    // torch.save puts every record in one folder named after the file ("archive/" by default).
    const auto pickleRecord = std::find_if(archive.names().begin(), archive.names().end(),
        [](const std::string& n) { return n == "data.pkl" || n.ends_with("/data.pkl"); });
    if (pickleRecord == archive.names().end()) {
        throw Error(ErrorKind::Model, "cannot read the model " + origin + ": the archive holds no data.pkl");
    }
    const std::string prefix = pickleRecord->substr(0, pickleRecord->size() - std::string("data.pkl").size());
    Unpickler unpickler(archive.record(*pickleRecord), archive, prefix, origin);
    const ValuePtr root = unpickler.run();
    const auto* dict = std::get_if<Dict>(&root->v);
    if (!dict) {
        throw Error(ErrorKind::Model,
            "cannot read the model " + origin
                + ": it holds no dict of tensors (a whole pickled model or a TorchScript file?)");
    }
    std::vector<TensorRecord> records;
    for (const auto& [key, value] : *dict) {
        const auto* k = std::get_if<std::string>(&key->v);
        const auto* t = std::get_if<TensorRecord>(&value->v);
        if (!k || !t) {
            throw Error(ErrorKind::Model,
                "cannot read the model " + origin + ": an entry of its dict is not a named tensor");
        }
        records.push_back(*t);
        records.back().name = *k;
    }
    return records;
}

} // namespace passthrough::rvm
