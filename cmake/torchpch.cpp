// The translation unit that carries the precompiled LibTorch header (cmake/TorchPrecompiledHeader.cmake);
// it has no code of its own.
