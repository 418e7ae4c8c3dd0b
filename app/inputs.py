"""What a person types or picks in the browser, checked before the app uses it.

Every value the page sends can be forged in the browser, so each is turned into what the app
needs here or refused with an :class:`InputError`: a key into the string files and the values
to fill in, which the page shows in its language. Nothing here knows about Solara or a model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from orglearn.registry import DEFAULT_MODEL
from orglearn.scenarios import parameter_table
from orglearn.scenarios.parameters import ParameterValueError

from .limits import beyond
from .player import SPEEDS

MAX_SEED = 2**63 - 1
NOT_OFFERED = "problem.not_offered"
"""The one answer to a value the page never offered: the same whatever the value names."""


class InputError(ValueError):
    """Input that cannot be used, with a key into the string files and the values to fill in."""

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(f"{key} {values}")


def parse_seed(text: str | int) -> int:
    """Turn what a person typed into a seed, or explain why it is not one.

    Seeds are whole numbers from 0 to 2**63 - 1. Text is converted here, because a string
    seed fails deep inside numpy (Mesa issue 3516).

    Raises:
        InputError: ``problem.seed`` with the text, if it is not such a number.
    """
    if isinstance(text, bool):
        raise InputError("problem.seed", text=str(text))
    if isinstance(text, int):
        value = text
    else:
        cleaned = str(text).strip().replace("_", "")
        if not cleaned.isdigit():
            raise InputError("problem.seed", text=str(text))
        value = int(cleaned)
    if not 0 <= value <= MAX_SEED:
        raise InputError("problem.seed", text=str(text))
    return value


def offered(value: Any, options: Sequence[Any]) -> Any:
    """``value`` if it is one of the ``options`` the page offered, else the neutral refusal.

    A select's value can be forged in the browser, so it is never used before this check, and
    it is never used as a path: a refused value gets the same answer whether or not it names
    something on the server.

    Raises:
        InputError: :data:`NOT_OFFERED`, for anything not among the options (also other types).
    """
    for option in options:
        if type(value) is type(option) and value == option:
            return option
    raise InputError(NOT_OFFERED)


def check_size(values: Any) -> None:
    """Refuse settings that make a model larger than the app builds (see :mod:`.limits`).

    Raises:
        InputError: ``problem.limit_people`` or ``problem.limit_dimensions``, with the limit.
    """
    for _name, most, unit in beyond(values):
        raise InputError(f"problem.limit_{unit}", most=most)


def parse_speed(raw: Any, offered: Sequence[int] = SPEEDS) -> int:
    """A speed the page offered, or an explanation (anything else may be forged in the browser).

    Raises:
        InputError: ``problem.speed``, if ``raw`` is not one of the offered speeds.
    """
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise InputError("problem.speed") from None
    if value not in offered:
        raise InputError("problem.speed")
    return value


def parse_whole(text: Any, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high`` typed into a field, or the range in words.

    Raises:
        InputError: ``problem.whole`` with the range, for anything else (also ``"3.5"``, ``True``).
    """
    if isinstance(text, bool):
        raise InputError("problem.whole", low=low, high=high)
    cleaned = str(text).strip().replace("_", "")
    if not cleaned.isdigit():
        raise InputError("problem.whole", low=low, high=high)
    value = int(cleaned)
    if not low <= value <= high:
        raise InputError("problem.whole", low=low, high=high)
    return value


def parse_value(name: str, raw: Any, model: str = DEFAULT_MODEL) -> Any:
    """Turn a control's raw value into the parameter's type, or explain the allowed range.

    Text from number fields and week lists (``"100, 150"``) is read here; everything else is
    checked by the parameter's own :meth:`~orglearn.scenarios.Parameter.coerce`.

    Args:
        name: The parameter's dotted name.
        raw: What the control gave.
        model: The model whose parameter table the name belongs to.

    Raises:
        InputError: ``problem.value`` with the allowed values in words.
    """
    parameter = parameter_table(model)[name]
    value = raw
    if isinstance(raw, str) and parameter.type in ("int", "float"):
        try:
            number = float(raw.strip().replace(",", "."))
        except ValueError:
            raise _refused(name, model, raw) from None
        value = int(number) if parameter.type == "int" and number.is_integer() else number
    elif isinstance(raw, str) and parameter.type == "steps":
        parts = [p for p in raw.replace(";", ",").split(",") if p.strip()]
        if not all(p.strip().isdigit() for p in parts):
            raise _refused(name, model, raw)
        value = [int(p) for p in parts]
    try:
        return parameter.coerce(value)
    except ParameterValueError:
        raise _refused(name, model, raw) from None


def _refused(name: str, model: str, raw: Any) -> InputError:
    """``problem.value`` for a value that does not fit; for a number, with its range and the text.

    The range travels as numbers (``low``, ``high``), so the page writes it in its language's
    number format; ``allowed`` is the same range (or the choices) in plain text.
    """
    parameter = parameter_table(model)[name]
    values: dict[str, Any] = {"allowed": _allowed(name, model)}
    if parameter.type in ("int", "float") and parameter.min is not None and parameter.max is not None:
        whole = parameter.type == "int"
        values.update(low=parameter.min, high=parameter.max, text=str(raw)[:40], whole=whole)
    return InputError("problem.value", **values)


def _allowed(name: str, model: str) -> str:
    parameter = parameter_table(model)[name]
    if parameter.type in ("int", "float", "steps"):
        return f"{parameter.min:g} – {parameter.max:g}"
    return ", ".join(parameter.choices)
