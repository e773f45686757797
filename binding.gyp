{
  "targets": [
    {
      "target_name": "finetune_ts",
      "sources": [
        "native/src/addon.cc",
        "native/src/tensor.cc",
        "native/src/dispatch.cc",
        "native/src/autograd.cc",
        "native/src/runtime.cc"
      ],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<!@(node scripts/find-libtorch.mjs --include)"
      ],
      "defines": [
        "NAPI_VERSION=8",
        "NAPI_CPP_EXCEPTIONS",
        "<!@(node scripts/find-libtorch.mjs --defines)"
      ],
      "cflags!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17", "-std=gnu++20"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-frtti", "-O2", "-Wno-unused-parameter", "-Wno-deprecated-declarations"],
      "libraries": ["<!@(node scripts/find-libtorch.mjs --libs)"]
    }
  ]
}
