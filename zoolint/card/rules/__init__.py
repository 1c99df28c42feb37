"""CARD rules: the model card, `model.md`: frontmatter, body, agreement with the path.

Also run on a card linted on its own (a loose file), except the rules that compare it
with the directory's path.
"""

from __future__ import annotations

from zoolint.card.rules.agreement import card_path_mismatch, sparsity_claim_mismatch
from zoolint.card.rules.body import broken_link, link_outside_directory, missing_title
from zoolint.card.rules.frontmatter import (
    card_extra_schema,
    card_parse_error,
    card_schema,
    deprecated_field,
    missing_frontmatter,
    unknown_field,
)

RULES = [
    card_parse_error,
    missing_frontmatter,
    card_schema,
    deprecated_field,
    unknown_field,
    missing_title,
    broken_link,
    link_outside_directory,
    card_path_mismatch,
    sparsity_claim_mismatch,
    card_extra_schema,
]
