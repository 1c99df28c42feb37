from pathlib import Path


def build(tree: Path) -> None:
    card = tree / "m" / "model.md"
    card.parent.mkdir(parents=True)
    line = b"Lorem ipsum dolor sit amet, zoo:cv/x [link](y) " * 20 + b"\n"
    with open(card, "wb") as handle:
        handle.write(b"---\ncard_version: 1.0.0\n---\n\n# Huge\n")
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(line * 1000)
