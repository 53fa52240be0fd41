"""The report models' common base: open to fields a newer revops adds, strict about types."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, SerializerFunctionWrapHandler, model_serializer

Score = float | None


class Open(BaseModel):
    # Built on first use: scoring an answer file never needs the report's validators.
    model_config = ConfigDict(extra="allow", strict=True, allow_inf_nan=False, defer_build=True)


class Written(Open):
    """A part of the report whose keys are written in `written_order`, as reports always have
    been, rather than in the order its fields are declared (which the schema and the
    report-format page follow); fields not named there come after, in declared order."""

    written_order: ClassVar[tuple[str, ...]] = ()

    @model_serializer(mode="wrap")
    def _in_written_order(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data = handler(self)
        return {**{key: data[key] for key in self.written_order if key in data}, **data}
