from pathlib import Path

from zoolint.testing.checkpoints import write_cv_model, write_minimal_card

HDF5 = b"\x89HDF\r\n\x1a\n" + b"\x00" * 120
# A GraphDef: node { name: "x" op: "Placeholder" }
GRAPHDEF = b"\x0a\x10\x0a\x01x\x12\x0bPlaceholder"


def build(tree: Path) -> None:
    renamed = write_cv_model(tree / "renamed")
    (renamed / "training" / "model.pth").write_bytes(HDF5)
    (renamed / "keras").mkdir()
    (renamed / "keras" / "model.h5").write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    (renamed / "tensorflow").mkdir()
    (renamed / "tensorflow" / "frozen.pb").write_bytes(b"\xff\xfe not a protobuf at all")

    card_says_keras = write_cv_model(tree / "card-says-keras")
    write_minimal_card(card_says_keras, "cv", "classification", framework="keras")

    keras = write_cv_model(tree / "keras-good")
    write_minimal_card(keras, "cv", "classification", framework="keras")
    (keras / "training" / "model.pth").unlink()
    (keras / "training" / "model.h5").write_bytes(HDF5)

    tf = write_cv_model(tree / "tensorflow-good")
    write_minimal_card(tf, "cv", "classification", framework="tensorflow_v1")
    (tf / "training" / "model.pth").unlink()
    (tf / "training").rmdir()
    (tf / "framework").mkdir()
    (tf / "framework" / "model.pb").write_bytes(GRAPHDEF)
    (tf / "framework" / "saved_model").mkdir()
    (tf / "framework" / "saved_model" / "saved_model.pb").write_bytes(b"\x08\x01\x12\x04\x0a\x02\x08\x01")
