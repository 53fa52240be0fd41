"""The TypedDicts that type the bank's dumped records in code kept free of pydantic hold the
same fields as the bank's models, so the type checker sees what the bank really holds."""

from __future__ import annotations

import pytest

from revops.answers.readings import ReadingSpec
from revops.bank.model import BankReading, BankRetired
from revops.foundation.values import RetiredEntry


@pytest.mark.parametrize(
    ("record", "model"), [(ReadingSpec, BankReading), (RetiredEntry, BankRetired)]
)
def test_a_typed_record_has_its_models_fields(record, model):
    assert list(record.__annotations__) == list(model.model_fields)
    assert record.__required_keys__ == set(model.model_fields)
