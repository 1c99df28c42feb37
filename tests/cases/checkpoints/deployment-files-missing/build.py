import tarfile
from pathlib import Path

from zoolint.testing.checkpoints import write_nlp_model


def _tar(path: Path, folder: Path, skip: tuple[str, ...] = ()) -> None:
    with tarfile.open(path, "w:gz") as tar:
        tar.add(folder, arcname="deployment", recursive=False)
        for item in sorted(folder.iterdir()):
            if item.name not in skip:
                tar.add(item, arcname=f"deployment/{item.name}")


def build(tree: Path) -> None:
    plain = write_nlp_model(tree / "plain")
    (plain / "deployment" / "tokenizer.json").unlink()
    (plain / "deployment" / "tokenizer_config.json").unlink()
    for name, skip in (("hub", ("tokenizer.json",)), ("hub-good", ())):
        model = write_nlp_model(tree / name)
        _tar(model / "deployment.tar.gz", model / "deployment", skip)
        for item in (model / "deployment").iterdir():
            item.unlink()
        (model / "deployment").rmdir()
