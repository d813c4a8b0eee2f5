"""Landing is a trust boundary: what may be read there, and how.

Anyone who can write into landing (a source system, a careless colleague, a hostile local user)
decides its names, links and sizes. So nothing there is followed or trusted:

- No symbolic links: a system folder, delivery folder, manifest or file that is a link is a
  finding, never followed (a link to a key file would otherwise be read and echoed).
- Names of a safe alphabet and length (`is_safe_name`): letters (å ä ö too), digits, space and
  `. _ - ( ) + ,`, at most `MAX_NAME_BYTES` bytes, not starting with `.`, `-` or a space. A
  name with a newline cannot forge a log line, a quote or a separator cannot be read as
  anything but a name, and no name is longer than a file system allows.
- Size limits: a manifest above `MAX_MANIFEST_BYTES` or nested deeper than `MAX_MANIFEST_DEPTH`,
  and a file above `max_file_bytes()` (NORRLAGER_MAX_FILE_MB, default 2048) are findings; no
  file is read whole into memory before its size is known.
- Files are opened without following links (O_NOFOLLOW) and must be regular files whose
  resolved path is inside their delivery folder.

Every breach is a LoadError (a quarantine row naming file and rule), never an exception past the
loader. Names in messages pass through `printable`, so no control character reaches a log.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from norrlager.ingest.errors import LoadError

SAFE_PUNCTUATION = frozenset("._-()+, ")
MAX_NAME_BYTES = 200  # file systems allow 255; a safe margin for a suffix such as .tmp
MAX_MANIFEST_BYTES = 1 << 20  # 1 MiB: a manifest lists files, it is never large
MAX_MANIFEST_DEPTH = 8  # the manifest's own shape is 4 deep (object, files, entry, sums)
DEFAULT_MAX_FILE_MB = 2048


def max_file_bytes() -> int:
    """The largest delivered file the loader reads (NORRLAGER_MAX_FILE_MB, default 2048 MiB):
    a file is read into memory to be hashed and checked, so the limit bounds the load's memory."""
    value = os.environ.get("NORRLAGER_MAX_FILE_MB", str(DEFAULT_MAX_FILE_MB))
    try:
        mb = int(value)
    except ValueError:
        raise ValueError(f"NORRLAGER_MAX_FILE_MB must be a whole number of MiB, not {value!r}"
                         ) from None
    if mb <= 0:
        raise ValueError(f"NORRLAGER_MAX_FILE_MB must be above 0, not {mb}")
    return mb << 20


def printable(text: object, limit: int = 200) -> str:
    """A name or value for a message or log: control and other unprintable characters escaped
    (a newline becomes \\n), cut at `limit` characters."""
    s = str(text)
    out = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                  for c in s[:limit])
    return out + ("…" if len(s) > limit else "")


def is_safe_name(name: str) -> bool:
    """Letters, digits, space and . _ - ( ) + , only; 1 to MAX_NAME_BYTES bytes; not starting
    with '.', '-' or a space, nor ending with a space."""
    return (0 < len(name.encode("utf-8", "surrogatepass")) <= MAX_NAME_BYTES
            and not name.startswith((".", "-", " ")) and not name.endswith(" ")
            and all(c.isalnum() or c in SAFE_PUNCTUATION for c in name))


def check_name(name: str, where: str, what: str) -> None:
    """A landing name (system folder, delivery folder, file) of the safe alphabet and length."""
    if not is_safe_name(name):
        raise LoadError(where, None, "unsafe name",
                        f"{what} '{printable(name, 60)}' must be letters, digits, spaces or "
                        f"'. _ - ( ) + ,', at most {MAX_NAME_BYTES} bytes, not starting with "
                        "'.', '-' or a space")


def check_folder(path: Path, what: str) -> None:
    """A landing folder that is a real folder, not a link, with a safe name."""
    check_name(path.name, printable(path), what)
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        raise LoadError(printable(path), None, "symbolic link",
                        f"{what} is a symbolic link: landing follows no links")
    if not stat.S_ISDIR(st.st_mode):
        raise LoadError(printable(path), None, "not a folder", f"{what} is not a folder")


def delivery_folders(landing: Path) -> tuple[list[Path], list[LoadError]]:
    """Every `landing/<system>/<delivery>/` folder holding a manifest, and a finding for each
    entry of landing that breaks the boundary (link, unsafe name, not a folder)."""
    folders: list[Path] = []
    errors: list[LoadError] = []
    if not landing.is_dir():
        return folders, errors
    for system in sorted(landing.iterdir()):
        if system.name.startswith(".") and is_safe_name(system.name[1:] or "-"):
            continue  # hidden folders (an editor's, a sync tool's) are not deliveries
        try:
            check_folder(system, "the system folder")
            for folder in sorted(system.iterdir()):
                if folder.name.startswith(".") and is_safe_name(folder.name[1:] or "-"):
                    continue
                try:
                    check_folder(folder, "the delivery folder")
                    manifest = folder / "manifest.json"
                    if os.path.lexists(manifest):
                        folders.append(folder)
                except LoadError as err:
                    errors.append(err)
                except OSError as e:
                    errors.append(LoadError(printable(folder), None, "unreadable folder",
                                            printable(e.strerror or type(e).__name__)))
        except LoadError as err:
            errors.append(err)
        except OSError as e:
            errors.append(LoadError(printable(system), None, "unreadable folder",
                                    printable(e.strerror or type(e).__name__)))
    return folders, errors


def landing_systems(landing: Path) -> list[str]:
    """The system folders of landing that may be loaded (real folders with safe names); the
    others are findings of every system's load (`delivery_folders`)."""
    out = []
    for system in sorted(landing.iterdir()):
        if is_safe_name(system.name) and not system.is_symlink() and system.is_dir():
            out.append(system.name)
    return out


def open_in(folder: Path, name: str, limit: int, what: str) -> tuple[int, os.stat_result]:
    """Open `folder/name` for reading without following a link: a regular file, inside the
    folder, at most `limit` bytes. Returns the descriptor (the caller closes it) and its stat."""
    where = printable(folder / name)
    check_name(name, where, what)
    path = folder / name
    if os.path.islink(path):
        raise LoadError(where, None, "symbolic link",
                        f"{what} is a symbolic link: landing follows no links")
    if path.resolve().parent != folder.resolve():
        raise LoadError(where, None, "outside delivery", f"{what} is not inside its delivery "
                        "folder")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise LoadError(where, None, "file missing",
                        f"{what} is listed but was not delivered") from None
    except OSError as e:
        if os.path.islink(path):
            raise LoadError(where, None, "symbolic link",
                            f"{what} is a symbolic link: landing follows no links") from None
        raise LoadError(where, None, "unreadable file",
                        f"{what} cannot be opened ({printable(e.strerror)})") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise LoadError(where, None, "not a file", f"{what} is not a regular file")
    if st.st_size > limit:
        os.close(fd)
        raise LoadError(where, None, "file too large",
                        f"{what} is {st.st_size:,} bytes, above the limit of {limit:,} "
                        "(NORRLAGER_MAX_FILE_MB for data files)")
    return fd, st


def read_in(folder: Path, name: str, limit: int, what: str) -> bytes:
    """The bytes of `folder/name`, read as `open_in` allows."""
    fd, _st = open_in(folder, name, limit, what)
    with os.fdopen(fd, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise LoadError(printable(folder / name), None, "file too large",
                        f"{what} grew above the limit of {limit:,} bytes while read")
    return data


def json_depth(data: bytes) -> int:
    """How deeply the arrays and objects of a JSON text nest, counted without parsing it (a
    parser recurses, and a deep enough text would exhaust its stack)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


# Rules about landing itself: the named path is not a file the loader may open (or hash).
LANDING_RULES = {"symbolic link", "unsafe name", "outside delivery", "not a file",
                 "file too large", "file missing", "unreadable file"}


def read_all(fd: int, limit: int) -> bytes:
    chunks, size = [], 0
    while chunk := os.read(fd, 1 << 22):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise LoadError(f"/proc/self/fd/{fd}", None, "file too large",
                            f"the file grew above the limit of {limit:,} bytes while read")
    return b"".join(chunks)


def digest_fd(fd: int) -> str:
    h = hashlib.sha256()
    try:
        while block := os.read(fd, 1 << 20):
            h.update(block)
    finally:
        os.close(fd)
    return h.hexdigest()


def fd_path(fd: int, path: Path) -> str:
    """A name DuckDB can open for the already opened (and checked) file: the descriptor's own
    on Linux, so that a link put in the file's place meanwhile is never followed."""
    proc = f"/proc/self/fd/{fd}"
    return proc if os.path.exists(proc) else str(path)
