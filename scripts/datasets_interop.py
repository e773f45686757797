"""The Python side of tests/datasets/interop_python.test.ts, run with HF's real `datasets`.

  python scripts/datasets_interop.py read <csv|json|parquet> <file>
      load_dataset(<builder>, data_files=<file>, split="train"); print {"features", "rows"} as JSON
      (ints beyond 2^53 printed as strings)
"""
import json
import sys

from datasets import disable_progress_bars, load_dataset


def jsonable(v):
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 2**53:
        return str(v)
    if isinstance(v, list):
        return [jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    return v


def main():
    disable_progress_bars()
    mode, builder, path = sys.argv[1:4]
    assert mode == "read", mode
    ds = load_dataset(builder, data_files=path, split="train")
    print(json.dumps({"features": ds.features.to_dict(), "rows": jsonable(ds.to_list())}, ensure_ascii=False))


if __name__ == "__main__":
    main()
