"""The kiosk's domain: instructions, validation rules, identity. Standard library only."""

from .errors import ValidationError
from .identity import Identity, IdentitySource
from .instructions import TYPES, Instruction, InstructionType, build, get_type, validate

__all__ = [
    "TYPES",
    "Identity",
    "IdentitySource",
    "Instruction",
    "InstructionType",
    "ValidationError",
    "build",
    "get_type",
    "validate",
]
