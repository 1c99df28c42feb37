"""The recipes rules (RCP), listed explicitly in code order."""

from __future__ import annotations

from zoolint.recipes.rules.modifiers import unknown_modifier
from zoolint.recipes.rules.naming import default_recipe_missing, recipe_file_name, recipe_yml_extension
from zoolint.recipes.rules.params import invalid_param_pattern, param_not_in_graph, param_pattern_unmatched
from zoolint.recipes.rules.parsing import (
    recipe_duplicate_key,
    recipe_eval_error,
    recipe_parse_error,
    recipe_structure,
)
from zoolint.recipes.rules.references import recipe_reference_missing
from zoolint.recipes.rules.schedule import epoch_order, epoch_out_of_range
from zoolint.recipes.rules.sparsity import sparsity_claim_mismatch, sparsity_out_of_range
from zoolint.rules.base import Rule

RULES: list[Rule] = [
    recipe_parse_error,  # RCP001
    recipe_yml_extension,  # RCP002
    unknown_modifier,  # RCP003
    epoch_order,  # RCP004
    epoch_out_of_range,  # RCP005
    sparsity_out_of_range,  # RCP006
    sparsity_claim_mismatch,  # RCP007
    recipe_file_name,  # RCP008
    default_recipe_missing,  # RCP009
    recipe_reference_missing,  # RCP010
    param_not_in_graph,  # RCP011
    param_pattern_unmatched,  # RCP012
    recipe_duplicate_key,  # RCP013
    recipe_eval_error,  # RCP014
    recipe_structure,  # RCP015
    invalid_param_pattern,  # RCP016
]
