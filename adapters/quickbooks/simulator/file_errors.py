"""What went wrong with the simulator's company file, said with the path and what to do."""

from __future__ import annotations

from pathlib import Path

_SQLITE_HEADER = b"SQLite format 3\x00"


class CompanyFileError(Exception):
    """The company file could not be read or written; nothing of the message was kept."""

    def __init__(self, path: Path, problem: str, *, retryable: bool = False) -> None:
        super().__init__(f"QuickBooks simulator company file {path}: {problem}")
        self.path = path
        self.problem = problem
        self.retryable = retryable


def refuse_foreign_file(path: Path) -> None:
    if not path.is_file() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_HEADER))
    if header != _SQLITE_HEADER:
        raise CompanyFileError(
            path,
            "is not a SQLite company file (an older qbsync kept JSON here): point "
            "QBSYNC_SIMULATOR_PATH at a .sqlite file beside it and the JSON is migrated",
        )


def file_error(path: Path, error: BaseException) -> CompanyFileError:
    text = str(error)
    if "locked" in text or "busy" in text:
        problem = f"{text}; another process holds it, try again"
        return CompanyFileError(path, problem, retryable=True)
    if "disk is full" in text or "disk I/O error" in text:
        return CompanyFileError(
            path, f"{text}; the disk may be full (or a file-size limit reached): free some "
            "space and try again"
        )  # fmt: skip
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return CompanyFileError(path, f"{text}; make the folder and file writable")
    return CompanyFileError(path, text)
