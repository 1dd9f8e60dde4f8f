"""The kiosk's domain: instructions, validation rules, identity. Standard library only."""

from typing import TYPE_CHECKING, Any

from .errors import Notice, ValidationError
from .identity import Identity, IdentitySource
from .model import FormContext, Instruction, InstructionType, Step

if TYPE_CHECKING:
    from .instructions import TYPES, active_steps, build, explain, get_type, prune, validate

# The form catalogue (every instruction type's fields, steps and rules) loads on first use: a
# kiosk's attract screen and the ports need Identity and Instruction, not the forms.
_CATALOGUE = frozenset({"TYPES", "active_steps", "build", "explain", "get_type", "prune", "validate"})


def __getattr__(name: str) -> Any:
    if name in _CATALOGUE:
        from . import instructions

        return getattr(instructions, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "TYPES",
    "FormContext",
    "Identity",
    "IdentitySource",
    "Instruction",
    "InstructionType",
    "Notice",
    "Step",
    "ValidationError",
    "active_steps",
    "build",
    "explain",
    "get_type",
    "prune",
    "validate",
]
