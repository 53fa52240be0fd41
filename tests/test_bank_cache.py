"""`revops score` reuses the validated question bank only while the content is byte-for-byte
the same: an edit, a broken file or a damaged cache never yields a stale or wrong report."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, revops

EXAMPLE = "assessment/examples/single-leader.yaml"


@pytest.fixture(autouse=True)
def _own_cache_folder(monkeypatch):
    monkeypatch.setenv("REVOPS_CACHE_DIR", os.environ["REVOPS_CACHE_DIR"])


def _score(project: Path, cache: Path) -> dict:
    os.environ["REVOPS_CACHE_DIR"] = str(cache)  # restored by the autouse fixture below
    result = revops("score", EXAMPLE, "--format", "json", "--root", str(project), cwd=project)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_an_edited_rule_title_shows_in_the_next_report(project, tmp_path):
    cache = tmp_path / "cache"
    before = _score(project, cache)
    assert len(list(cache.glob("bank-*.json"))) == 1
    rule_file = sorted((project / "playbook" / "rules").glob("*.yaml"))[0]
    old_title = before["rules"][0]["title"]
    text = rule_file.read_text(encoding="utf-8")
    assert f"title: {old_title}" in text
    rule_file.write_text(
        text.replace(f"title: {old_title}", "title: A title edited today"), encoding="utf-8"
    )
    after = _score(project, cache)
    assert after["rules"][0]["title"] == "A title edited today"
    assert len(list(cache.glob("bank-*.json"))) == 2


def test_invalid_content_is_refused_even_after_a_cached_run(project, tmp_path):
    cache = tmp_path / "cache"
    _score(project, cache)
    scoring = project / "assessment" / "scoring.yaml"
    scoring.write_text(scoring.read_text(encoding="utf-8").replace("decimals: 2", "decimals: many"))
    result = revops("score", EXAMPLE, "--root", str(project), cwd=project)
    assert result.returncode == 1
    assert "assessment/scoring.yaml" in result.stderr and "Traceback" not in result.stderr


def test_a_damaged_or_unwritable_cache_only_costs_time(project, tmp_path):
    cache = tmp_path / "cache"
    first = _score(project, cache)
    for cached in cache.glob("bank-*.json"):
        cached.write_text("{not json", encoding="utf-8")
    assert _score(project, cache) == first
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    assert _score(project, blocked) == first


# -- a cached or packaged bank that is not what revops wrote --------------------------------


def damaged_bank(bank_text: str, how: str) -> str:
    """The text of a bank file damaged or edited in one way (see DAMAGE), for a cached or a
    packaged bank."""
    if how in ("null", "{}", "[]", "1e999", "{not json"):
        return how
    bank = json.loads(bank_text)
    if how == "rules: 5":
        bank["rules"] = 5
    elif how == "zero weight":
        for question in bank["rules"][0]["questions"]:
            question["weight"] = 0
    elif how == "edited weights":  # well formed, and it would change the scores
        for rule in bank["rules"]:
            rule["questions"][0]["weight"] = 5
    else:
        raise ValueError(how)
    return json.dumps(bank, ensure_ascii=False)


DAMAGE = ["null", "{}", "[]", "1e999", "{not json", "rules: 5", "zero weight", "edited weights"]


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory) -> tuple[Path, dict]:
    """A cache folder holding the bank of the project's content, and the report it gives."""
    cache, before = tmp_path_factory.mktemp("cache"), os.environ["REVOPS_CACHE_DIR"]
    try:
        return cache, _score(ROOT, cache)
    finally:
        os.environ["REVOPS_CACHE_DIR"] = before


@pytest.mark.parametrize("how", DAMAGE)
def test_a_cached_bank_that_was_changed_is_built_again_never_trusted(warm_cache, tmp_path, how):
    cache = tmp_path / "cache"
    shutil.copytree(warm_cache[0], cache)
    for cached in cache.glob("bank-*.json"):
        cached.write_text(damaged_bank(cached.read_text(encoding="utf-8"), how), encoding="utf-8")
    assert _score(ROOT, cache) == warm_cache[1]
    assert _score(ROOT, cache) == warm_cache[1]  # and the cache holds the good bank again


def test_the_fingerprint_a_cache_file_is_named_by_is_checked_with_its_bank(warm_cache, tmp_path):
    """A run takes the report's bank hash from the cache file's name, which its own hash
    covers: a name edited to another fingerprint is built again, never reported."""
    cache = tmp_path / "cache"
    shutil.copytree(warm_cache[0], cache)
    [cached] = cache.glob("bank-*.json")
    _, key, printed, digest = cached.stem.split("-")
    cached.rename(cached.with_name(f"bank-{key}-{'0' * 16}-{digest}.json"))
    assert _score(ROOT, cache)["content"]["bank"] == printed == warm_cache[1]["content"]["bank"]
    assert [path.name for path in cache.glob("bank-*.json")] == [cached.name]


def renamed_to_match(cached: Path, text: str) -> Path:
    """The cached bank replaced by text under the name its own hash gives: what only a
    deliberate edit would make, which the hash alone cannot tell from the real one."""
    from revops.bank.cache import cache_name

    _, key, printed, _ = cached.stem.split("-")
    renamed = cached.with_name(cache_name(key, printed, text.encode("utf-8")))
    cached.unlink()
    renamed.write_text(text, encoding="utf-8")
    return renamed


def test_a_cache_folder_others_may_write_is_never_read(warm_cache, tmp_path):
    cache = tmp_path / "shared-cache"
    shutil.copytree(warm_cache[0], cache)
    [cached] = cache.glob("bank-*.json")
    renamed = renamed_to_match(
        cached, damaged_bank(cached.read_text(encoding="utf-8"), "edited weights")
    )
    cache.chmod(0o777)
    assert _score(ROOT, cache) == warm_cache[1]
    assert list(cache.iterdir()) == [renamed]  # read by no one, and nothing added to it
    cache.chmod(0o700)
    renamed.chmod(0o666)  # a file others may write, in the user's own folder
    assert _score(ROOT, cache) == warm_cache[1]


def installed_copy(folder: Path, bank_text: str) -> Path:
    """The revops package as a wheel installs it, carrying bank_text as its bank."""
    package = folder / "site" / "revops"
    shutil.copytree(ROOT / "src" / "revops", package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "data").mkdir()
    (package / "data" / "bank.json").write_text(bank_text, encoding="utf-8")
    return package


def _score_installed(package: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(package.parent)}
    return subprocess.run(
        [sys.executable, "-m", "revops.cli", "score", str(ROOT / EXAMPLE), "--format", "json"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _bank_text() -> str:
    from revops.bank.build import bank
    from revops.content.playbook import load_playbook

    return json.dumps(bank(load_playbook(ROOT)), ensure_ascii=False)


def test_the_bank_an_installed_revops_carries_scores(tmp_path, warm_cache):
    result = _score_installed(installed_copy(tmp_path, _bank_text()), tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rules"] == warm_cache[1]["rules"]


@pytest.mark.parametrize("how", ["{not json", "null", "{}", "[]", "rules: 5", "zero weight"])
def test_a_damaged_packaged_bank_gets_one_message(tmp_path, how):
    package = installed_copy(tmp_path, damaged_bank(_bank_text(), how))
    result = _score_installed(package, tmp_path)
    assert result.returncode == 1
    shown = package / "data" / "bank.json"
    assert result.stderr.startswith(
        f"{shown}: the question bank this copy of revops carries is damaged ("
    )
    assert result.stderr.endswith("); install revops again\n1 problem found\n")


def test_the_bank_checks_refuse_what_the_bank_model_refuses():
    """bankcache checks a bank without pydantic (start-up time); it refuses at least what
    formats.Bank refuses, and accepts the bank the content gives."""
    from pydantic import ValidationError

    from revops.bank.model import Bank
    from revops.bank.shape import bank_problem

    text = _bank_text()
    assert bank_problem(json.loads(text)) is None
    Bank.model_validate(json.loads(text), strict=True)
    mutants = [json.loads(damaged_bank(text, how)) for how in DAMAGE if how != "{not json"]
    for change in [
        ("version", "1"),
        ("levels", [{"level": 1}]),
        ("extra", 1),
        ("parameters", None),
        ("retired", []),
    ]:
        mutant = json.loads(text)
        mutant[change[0]] = change[1]
        mutants.append(mutant)
    for mutant in mutants:
        try:
            Bank.model_validate(mutant, strict=True)
        except ValidationError:
            assert bank_problem(mutant) is not None, mutant


def _bounds(model, name: str) -> tuple[float, float]:
    """(low, high) of a content model's number field, from its ge/gt and le constraints,
    through Optional; infinite where it sets none."""
    import typing

    field = model.model_fields[name]
    metadata = list(field.metadata)
    for argument in typing.get_args(field.annotation):
        metadata += getattr(argument, "__metadata__", ())
        metadata += [m for a in typing.get_args(argument) for m in getattr(a, "metadata", ())]
    flat = [item for entry in metadata for item in getattr(entry, "metadata", [entry])]
    lows = [
        getattr(m, bound)
        for m in flat
        for bound in ("ge", "gt")
        if getattr(m, bound, None) is not None
    ]
    low = lows[0] if lows else -math.inf
    high = next((m.le for m in flat if getattr(m, "le", None) is not None), math.inf)
    return low, high


def test_the_cache_check_takes_its_bounds_from_the_content_models():
    """The cache's shape check (bankcache) keeps the content schema's ranges: a range widened
    in schema.py alone would make every cached and packaged bank look damaged."""
    from revops.bank import shape as bankcache
    from revops.bank.build import ON_QUESTIONS
    from revops.content import schema

    checks = {name.rstrip("?"): shape for name, shape in bankcache.SCORING.items()}
    for name in set(schema.Scoring.model_fields) - ON_QUESTIONS:
        shape = checks[name]
        shape = shape[0] if isinstance(shape, tuple) and not hasattr(shape, "_fields") else shape
        low, high = _bounds(schema.Scoring, name)
        assert tuple(shape) == (low, high), (name, shape, low, high)
    assert tuple(bankcache.QUESTION["weight"]) == _bounds(schema.Question, "weight")


def test_the_bank_is_the_bank_model_dumped():
    """bank.build builds the typed Bank and dumps the fields it set: the dict the scorer and
    the page read is what the model reads back, unchanged."""
    from revops.bank.build import bank, bank_model
    from revops.bank.model import Bank
    from revops.content.playbook import load_playbook

    playbook = load_playbook(ROOT)
    model = bank_model(playbook)
    assert isinstance(model, Bank)
    data = bank(playbook)
    assert "overlay" not in data  # set only by an overlay
    assert set(data["rules"][0]["practices"][0]) == {"name", "path"}
    again = Bank.model_validate(json.loads(json.dumps(data)), strict=True)
    assert again.model_dump(exclude_unset=True) == data == model.model_dump(exclude_unset=True)


def _shape_departure(shape, schema: dict, defs: dict, where: str) -> str | None:
    """Where the cache's hand-written shape of a bank departs from the bank's JSON Schema:
    the same keys, optional ('?') exactly where the schema does not require them, null
    allowed where the schema allows it, lists, mappings and scalars alike."""
    from revops.bank.shape import Each, Number, Whole

    if "$ref" in schema:
        return _shape_departure(shape, defs[schema["$ref"].split("/")[-1]], defs, where)
    if "anyOf" in schema:
        kinds = [option for option in schema["anyOf"] if option != {"type": "null"}]
        nullable = type(shape) is tuple and None in shape
        if nullable != (len(kinds) < len(schema["anyOf"])) or len(kinds) != 1:
            return f"{where}: null allowed in one and not the other"
        rest = [part for part in shape if part is not None] if nullable else [shape]
        return _shape_departure(rest[0], kinds[0], defs, where)
    kind = schema["type"]
    if kind == "array":
        if not isinstance(shape, list):
            return f"{where}: a list in the schema only"
        return _shape_departure(shape[0], schema["items"], defs, f"{where}[]")
    if kind == "object" and "properties" in schema:
        return _object_departure(shape, schema, defs, where)
    if kind == "object":
        if schema.get("additionalProperties") is True:
            return None  # any mapping (the parameters, checked against the content's model)
        if not isinstance(shape, Each):
            return f"{where}: a mapping of one kind in the schema only"
        return _shape_departure(shape.shape, schema["additionalProperties"], defs, f"{where}.*")
    scalars = {"string": (str,), "integer": (int, Whole), "number": (Number,), "boolean": (bool,)}
    fits = shape in scalars[kind] or type(shape) in scalars[kind]
    return None if fits else f"{where}: {kind} in the schema, {shape!r} in the cache's check"


def _object_departure(shape, schema: dict, defs: dict, where: str) -> str | None:
    if not isinstance(shape, dict):
        return f"{where}: an object in the schema only"
    keys = {key.rstrip("?"): key for key in shape}
    if set(keys) != set(schema["properties"]):
        return f"{where}: keys {sorted(keys)} vs {sorted(schema['properties'])}"
    for name, key in keys.items():
        if key.endswith("?") == (name in schema.get("required", [])):
            return f"{where}.{name}: required in one and not the other"
        part = schema["properties"][name]
        if problem := _shape_departure(shape[key], part, defs, f"{where}.{name}"):
            return problem
    return None


def test_the_cache_checks_the_shape_the_bank_schema_gives():
    """bank/shape.py checks a bank without pydantic, with its own copy of the bank's shape:
    that copy has exactly the keys, optional keys and nulls of the Bank model's schema."""
    from revops.bank import shape as bankcache

    schema = json.loads((ROOT / "schemas" / "bank.schema.json").read_text(encoding="utf-8"))
    assert _shape_departure(bankcache.BANK, schema, schema["$defs"], "bank") is None
    broken = {**bankcache.BANK, "rules": [{**bankcache.RULE, "title?": str}]}
    del broken["rules"][0]["title"]
    assert _shape_departure(broken, schema, schema["$defs"], "bank") == (
        "bank.rules[].title: required in one and not the other"
    )
