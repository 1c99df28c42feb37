import os
import pickle
import subprocess
from pathlib import Path

import numpy as np

from zoolint.testing.builders import tiny_classifier
from zoolint.testing.checkpoints import (
    Global,
    PickleWriter,
    Reduce,
    checkpoint_pickle,
    state_dict_from_graph,
    write_cv_model,
    write_torch_zip,
)


class System:
    def __reduce__(self):
        return (os.system, ("touch PWNED",))


class Popen:
    def __reduce__(self):
        return (subprocess.Popen, (["touch", "PWNED"],))


class Eval:
    def __reduce__(self):
        return (eval, ("__import__('os').system('touch PWNED')",))


def build(tree: Path) -> None:
    model = write_cv_model(tree / "m")
    # the real pickler, protocol 4: STACK_GLOBAL with memoized strings
    (model / "payload.pkl").write_bytes(pickle.dumps({"a": System(), "b": System()}, protocol=4))
    # a checkpoint whose data.pkl carries builtins.eval next to real weights
    data, storages = checkpoint_pickle(
        state_dict_from_graph(tiny_classifier()),
        extra={"epoch": Reduce(Global("builtins", "eval"), ("__import__('os').system('id')",))},
    )
    write_torch_zip(model / "training" / "model.pth", data, storages)
    # legacy (pre-1.6) layout: magic, version, sys info, then the payload
    legacy = b"".join(
        pickle.dumps(part, protocol=2)
        for part in (0x1950A86A20F9469CFC6C, 1001, {"little_endian": True})
    ) + pickle.dumps(Popen(), protocol=2) + pickle.dumps([], protocol=2)
    (model / "training" / "legacy.pth").write_bytes(legacy)
    # an object array whose pickle calls eval
    np.save(model / "extra.npy", np.array([Eval()], dtype=object), allow_pickle=True)
    # py2-era name: __builtin__.exec maps to builtins.exec
    writer = PickleWriter().value(Reduce(Global("__builtin__", "exec"), ("print(1)",)))
    write_torch_zip(model / "training" / "training_args.bin", writer.finish(), {})
