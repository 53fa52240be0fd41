"""Every rule the content is held to, as a list of small checks run after loading.

Each check takes the loaded content and yields (where, message) for every break of the rule
its docstring states, as python/peps' check-peps.py does for PEP headers. A check looks only
at files that validated: a file that did not is reported once, by the loader. CHECKS find
errors, which stop the content from being used; WARNINGS find what is valid but unfinished.
"""

from __future__ import annotations

from collections.abc import Iterable

from revops.content import file_checks as files
from revops.content import metric_checks as metrics
from revops.content import planning_checks as planning
from revops.content import question_checks as questions
from revops.content import reference_checks as reference
from revops.content import rule_checks as rules
from revops.content import warning_checks as warnings
from revops.content.known import Check
from revops.content.loaded import Content
from revops.foundation.problems import Problem

CHECKS: tuple[Check, ...] = (
    # the files themselves
    files.rule_files_named,
    files.rule_numbers_unique,
    files.rule_ids_match_file_names,
    files.rule_ids_unique,
    files.ids_unique,
    questions.question_files_name_rules,
    questions.question_files_named_after_rules,
    questions.question_files_one_per_rule,
    # levels, rules and steps
    rules.levels_numbered,
    rules.rule_links,
    rules.rule_ladders,
    rules.step_links,
    rules.cadence_left_to_forums,
    rules.practices_start_with_a_forum,
    # questions
    questions.rules_have_questions,
    questions.question_ids_unique,
    questions.question_wording_distinct,
    questions.weights_have_reasons,
    questions.weight_rules_followed,
    questions.question_ladders,
    questions.question_evidence,
    questions.evidence_distinct_across_questions,
    questions.retired_ids_unused,
    questions.retired_once,
    questions.replacements_current,
    questions.foundations_are_the_rules_questions,
    questions.plan_links,
    questions.question_domains,
    # the reference
    reference.metric_ids_unique,
    reference.metric_names_unique,
    reference.metric_links,
    metrics.medians_read_level_3_at_most,
    metrics.ladder_medians_given,
    reference.forum_links,
    reference.raci_names_every_function,
    reference.raci_one_accountable,
    reference.raci_someone_responsible,
    reference.stage_ids_unique,
    reference.stage_links,
    reference.stage_guide_links,
    reference.stage_focus_in_one_list,
    reference.domain_practice_names_unique,
    reference.domain_links,
    reference.tech_stack_links,
    reference.one_system_of_record,
    reference.integrations_join_two_systems,
    reference.anti_pattern_links,
    reference.worked_example_links,
    reference.worked_example_files_exist,
    # the planning model
    planning.planning_inputs_in_range,
    planning.planning_ramps_rise_to_full,
    planning.planning_pay_mix_whole,
    planning.planning_split_adds_up,
    planning.planning_model_reconciles,
)

WARNINGS: tuple[Check, ...] = (
    warnings.no_todo_left,
    warnings.three_to_six_questions,
    warnings.metrics_used,
)


def run_checks(checks: Iterable[Check], content: Content) -> list[Problem]:
    """Every problem the checks find, in the order found."""
    return [Problem(*where, message) for check in checks for where, message in check(content)]
