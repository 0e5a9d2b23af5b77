"""Exceptions raised by kokuho: the engines' errors with the text the CLI prints."""


class InputError(ValueError):
    """Bad input (a file, a DataFrame, an argument): where it is and what was expected.

    ``file``, ``line`` and ``column`` are 1-based (0 when not applicable); ``message`` is what
    was expected. ``str(error)`` is what ``kokuho`` prints after ``kokuho: error:``, e.g.

        examples/gunma/prefecture.yaml:45:12: parts.iryo.alpha: 「1.5」は範囲外です。0以上1以下の値を入力してください

    Messages never contain an income or another personal figure, at most a row number.
    """

    def __init__(self, file, line, column, message):
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        super().__init__(self._text())

    def _text(self):
        where = self.file
        if self.line > 0:
            where += f":{self.line}"
            if self.column > 0:
                where += f":{self.column}"
        return f"{where}: {self.message}"

    def __str__(self):
        return self._text()

    def __reduce__(self):  # picklable, so that Dask can send it back from a worker
        return (type(self), (self.file, self.line, self.column, self.message))


class YearNotKnownError(InputError):
    """A fiscal year past the data files' ``known_through``: pass ``carry_forward=True`` to
    compute it with the last known values (the result's ``warnings`` then say so)."""


class CalculationError(RuntimeError):
    """A rule of the calculation cannot be satisfied by otherwise well-formed input."""
