"""The kiosk's domain: instructions, validation rules, identity. Standard library only."""

from .errors import Notice, ValidationError
from .identity import Identity, IdentitySource
from .instructions import TYPES, active_steps, build, explain, get_type, prune, validate
from .model import FormContext, Instruction, InstructionType, Step

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
