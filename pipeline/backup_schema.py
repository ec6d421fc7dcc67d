"""The shape of a user-data backup, checked before `restore` touches the database.

A backup is a file users carry around and edit: a note that is an object, a 10³⁰
number, a list nested ten thousand deep must each get one line saying where the file
is wrong, not a traceback from the middle of a transaction.
"""

from __future__ import annotations

FORMAT = "directive-user-data/1"
MAX_TEXT = 200_000  # characters in one field (a long note is a few thousand)
MAX_ENTRIES = 5_000_000
# field -> required; every value is a string (or null when not required)
SCHEMA: dict[str, dict[str, bool]] = {
    "task_status": {
        "task_key": True, "status": True, "note": False, "updated_at": False,
        "task_text": False, "section": False, "doc_number": False, "source": False,
    },
    "task_history": {"task_key": True, "what": True, "old": False, "new": False, "at": True},
    "orphaned_user_data": {
        "task_key": True, "doc_key": False, "source": False, "section": False, "old_text": False,
        "reason": True, "flagged_at": True,
    },
}


def validate_backup(data: object) -> None:
    """Raise ValueError naming the first place where `data` is not a backup written by `backup`."""
    if not isinstance(data, dict):
        raise ValueError(f"the file holds a {type(data).__name__}, not a backup object")
    if data.get("format") != FORMAT:
        raise ValueError(f"not a user-data backup (expected \"format\": \"{FORMAT}\")")
    for table, fields in SCHEMA.items():
        entries = data.get(table, [])
        if not isinstance(entries, list):
            raise ValueError(f"\"{table}\" must be a list")
        if len(entries) > MAX_ENTRIES:
            raise ValueError(f"\"{table}\" has {len(entries)} entries (at most {MAX_ENTRIES})")
        for index, entry in enumerate(entries):
            _check_entry(entry, fields, f"{table}[{index}]")


def _check_entry(entry: object, fields: dict[str, bool], where: str) -> None:
    if not isinstance(entry, dict):
        raise ValueError(f"{where} must be an object, not a {type(entry).__name__}")
    for name, required in fields.items():
        value = entry.get(name)
        if value is None:
            if required:
                raise ValueError(f"{where} lacks \"{name}\"")
            continue
        if not isinstance(value, str):
            raise ValueError(f"{where}.{name} must be text, not a {type(value).__name__}")
        if len(value) > MAX_TEXT:
            raise ValueError(f"{where}.{name} is {len(value)} characters long (at most {MAX_TEXT})")
