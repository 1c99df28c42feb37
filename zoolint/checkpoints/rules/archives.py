"""Folder archives (`deployment.tar.gz`, `training.tar.gz`): listed in place, checked
for members that would be unsafe to extract."""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.checkpoints.folders import archived_folders
from zoolint.diagnostics import Finding, Severity
from zoolint.io.artifact import Broken, Parsed
from zoolint.rules.base import RuleContext, rule


@rule(
    code="DEP002",
    name="folder-archive-unreadable",
    summary="A deployment or training .tar.gz cannot be listed.",
    severity=Severity.ERROR,
)
def folder_archive_unreadable(ctx: RuleContext) -> Iterator[Finding]:
    """`deployment.tar.gz` (or `training.tar.gz`) is not a readable gzip'd tar, or
    listing it would pass zoolint's bounds: more than `max-archive-members` members, or
    more than `max-archive-bytes` once decompressed (a decompression bomb).

    zoolint lists archives in place: it decompresses the stream to read member headers
    and never writes a member anywhere.
    """
    for folder in archived_folders(ctx.model):
        state = folder.listing
        if isinstance(state, Broken) and not state.io_level:
            yield Finding(state.reason, path=folder.relpath)


@rule(
    code="DEP003",
    name="folder-archive-unsafe-member",
    summary="A folder archive holds a member that would be unsafe to extract.",
    severity=Severity.ERROR,
)
def folder_archive_unsafe_member(ctx: RuleContext) -> Iterator[Finding]:
    """A member of `deployment.tar.gz` (or `training.tar.gz`) has an absolute path,
    climbs out with `..`, is a symbolic or hard link, or is a device or FIFO.

    Why: a consumer that extracts the archive (the reference library does, in place)
    writes wherever such a member points: over files outside the model, or through a
    link planted by an earlier member. Archives of a model folder hold plain files and
    directories only.
    """
    for folder in archived_folders(ctx.model):
        state = folder.listing
        if not isinstance(state, Parsed):
            continue
        for member in state.value.members:
            reason = member.unsafe_reason
            if reason is not None:
                yield Finding(
                    f"member {member.name!r} {reason}: extracting the archive would be unsafe",
                    path=folder.relpath,
                    hint="rebuild the archive from a plain folder (tar czf deployment.tar.gz deployment)",
                )


RULES = [folder_archive_unreadable, folder_archive_unsafe_member]
