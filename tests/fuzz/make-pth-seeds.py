#!/usr/bin/env python3
"""Writes small .pth files in torch.save's format (a zip of stored records holding a protocol-2
pickle of an OrderedDict of tensors, each tensor a _rebuild_tensor_v2 call on a persistent
storage id) without PyTorch, as seeds for the state-dict fuzz target, and with --hostile the
damaged and malicious variants the loader's unit test feeds it.

    python3 tests/fuzz/make-pth-seeds.py tests/fuzz/corpus/statedict
    python3 tests/fuzz/make-pth-seeds.py --hostile FOLDER
"""
import collections
import io
import pickle
import struct
import sys
import types
import zipfile


def fake_module(name):
    module = types.ModuleType(name)
    sys.modules[name] = module
    return module


torch = fake_module("torch")
torch_utils = fake_module("torch._utils")


def named_class(module, name):
    cls = type(name, (), {})
    cls.__module__ = module.__name__
    cls.__qualname__ = name
    setattr(module, name, cls)
    return cls


FloatStorage = named_class(torch, "FloatStorage")
LongStorage = named_class(torch, "LongStorage")


def _rebuild_tensor_v2(*args):
    raise NotImplementedError


_rebuild_tensor_v2.__module__ = "torch._utils"
torch_utils._rebuild_tensor_v2 = _rebuild_tensor_v2


class Storage:
    def __init__(self, key, cls, data, fmt):
        self.key, self.cls, self.data, self.fmt = key, cls, data, fmt


class Tensor:
    def __init__(self, storage, offset, size, stride):
        self.args = (storage, offset, tuple(size), tuple(stride), False, collections.OrderedDict())

    def __reduce__(self):
        return (_rebuild_tensor_v2, self.args)


class TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ("storage", obj.cls, obj.key, "cpu", len(obj.data))
        return None


def write_pth(path, tensors, metadata=True):
    state = collections.OrderedDict()
    storages = {}
    for name, (storage, offset, size, stride) in tensors.items():
        state[name] = Tensor(storage, offset, size, stride)
        storages[storage.key] = storage
    if metadata:
        # torch.save keeps the modules' versions as OrderedDict state, set by BUILD.
        state._metadata = collections.OrderedDict([("", {"version": 1})])
    buffer = io.BytesIO()
    TorchPickler(buffer, protocol=2).dump(state)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("archive/data.pkl", buffer.getvalue())
        for storage in storages.values():
            archive.writestr("archive/data/" + storage.key, struct.pack("<%d%s" % (len(storage.data), storage.fmt), *storage.data))
        archive.writestr("archive/version", "3\n")


def zip_records(path, records, compression=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in records.items():
            archive.writestr(name, data)


def hostile(folder):
    """Each file is one way a download or a stranger's file can lie to the loader."""
    floats = struct.pack("<4f", 1, 2, 3, 4)
    weights = Storage("0", FloatStorage, [1.0, 2.0, 3.0, 4.0], "f")
    # A view reaching past its storage (4 floats, asked for 3 x 4).
    write_pth(folder + "/oversized_view.pth", {"w": (weights, 0, (3, 4), (4, 1))})
    # A negative stride, and an offset past the end.
    write_pth(folder + "/negative_stride.pth", {"w": (weights, 3, (4,), (-1,))})
    write_pth(folder + "/offset_past_end.pth", {"w": (weights, 9, (1,), (1,))})
    # Storage bytes that are not a whole number of floats.
    write_pth(folder + "/partial_element.pth", {"w": (weights, 0, (1,), (1,))})
    with zipfile.ZipFile(folder + "/partial_element.pth") as z:
        records = {n: z.read(n) for n in z.namelist()}
    records["archive/data/0"] = records["archive/data/0"][:-1]
    zip_records(folder + "/partial_element.pth", records)
    # A pickle that nests tuples a million deep (recursion when freed), one whose dict holds
    # itself (a reference cycle), and a 9-byte LONG1 integer.
    deep = b"\x80\x02" + b"(" * 1 + b")" + b"\x85" * 1000000 + b"."
    zip_records(folder + "/deep_nesting.pth", {"archive/data.pkl": deep})
    selfref = b"\x80\x02}q\x00(X\x01\x00\x00\x00ah\x00u."
    zip_records(folder + "/self_dict.pth", {"archive/data.pkl": selfref})
    long9 = b"\x80\x02\x8a\x09" + b"\xff" * 9 + b"."
    zip_records(folder + "/long_integer.pth", {"archive/data.pkl": long9})
    # Records compressed (torch.save never compresses), and a record whose bytes changed.
    write_pth(folder + "/good.pth", {"w": (weights, 0, (4,), (1,))})
    with zipfile.ZipFile(folder + "/good.pth") as z:
        records = {n: z.read(n) for n in z.namelist()}
    zip_records(folder + "/compressed.pth", records, zipfile.ZIP_DEFLATED)
    data = bytearray(open(folder + "/good.pth", "rb").read())
    at = data.find(floats)
    data[at] ^= 0xff
    open(folder + "/crc_mismatch.pth", "wb").write(bytes(data))
    # The tensor data record is missing.
    del records["archive/data/0"]
    zip_records(folder + "/missing_data.pth", records)


def main(folder):
    weights = Storage("0", FloatStorage, [0.5 * i for i in range(12)], "f")
    counts = Storage("1", LongStorage, [7, -3], "q")
    write_pth(folder + "/two_tensors.pth", {
        "conv.weight": (weights, 0, (2, 3, 2), (6, 2, 1)),
        "bn.num_batches_tracked": (counts, 1, (), ()),
    })
    # A view into shared storage with a transposed stride, as torch.save writes for views.
    write_pth(folder + "/shared_view.pth", {
        "a": (weights, 0, (3, 4), (4, 1)),
        "a_t": (weights, 2, (4, 2), (1, 4)),
    }, metadata=False)


if __name__ == "__main__":
    if sys.argv[1] == "--hostile":
        hostile(sys.argv[2])
    else:
        main(sys.argv[1])
