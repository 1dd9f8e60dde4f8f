"""The kiosk's domain: instructions, validation rules, identity. Standard library only."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import Notice, ValidationError
    from .identity import Identity, IdentitySource
    from .instructions import TYPES, active_steps, build, explain, get_type, prune, validate
    from .model import FormContext, Instruction, InstructionType, Step

# Every name loads its module on first use. The form model (fields, rules, dates) and the form
# catalogue (every instruction type's fields, steps and rules) are not needed for the attract
# screen: importing `kiosk.domain.identity` must not load them (about 20 ms before the first paint,
# most of it Python building the frozen dataclasses).
_HOMES = {"Notice": "errors", "ValidationError": "errors", "Identity": "identity", "IdentitySource": "identity",
          "FormContext": "model", "Instruction": "model", "InstructionType": "model", "Step": "model",
          **dict.fromkeys(("TYPES", "active_steps", "build", "explain", "get_type", "prune", "validate"),
                          "instructions")}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{home}"), name)


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
