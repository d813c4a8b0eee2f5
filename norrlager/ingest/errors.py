"""What a rejected delivery reports: the file, the line and the rule it broke."""

from __future__ import annotations


class LoadError(Exception):
    """A delivered file broke a rule. Names the file, the line (1 = header) and the rule."""

    def __init__(self, file: str, line: int | None, rule: str, message: str) -> None:
        self.file, self.line, self.rule, self.message = file, line, rule, message
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: [{rule}] {message}")


class WarehouseBusyError(RuntimeError):
    """Another load or refresh holds the warehouse."""
