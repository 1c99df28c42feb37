from pathlib import Path


def build(tree: Path) -> None:
    folder = tree / "m"
    folder.mkdir(parents=True)
    (folder / "model.md").write_text("# m\n")
    with open(folder / "metrics.yaml", "wb") as handle:
        handle.write(b"metrics:\n")
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(b"- {name: top1, value: 75.9}\n" * 10000)
