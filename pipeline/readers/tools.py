"""Run external converters (antiword, catdoc, pdftoppm, tesseract) safely.

Always with a timeout, never through a shell, and with failures turned into
DocumentError naming the Debian package that provides the tool.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from ..errors import DocumentError

DEFAULT_TIMEOUT = 120.0


def tool_timeout() -> float:
    """Seconds one external conversion may take: env DIRECTIVES_TOOL_TIMEOUT, else 120."""
    try:
        return float(os.environ.get("DIRECTIVES_TOOL_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


def have(tool: str) -> bool:
    """Is `tool` on PATH?"""
    return shutil.which(tool) is not None


def run_tool(
    args: list[str], path: str, what: str, timeout: float | None = None, temp_name: str | None = None
) -> bytes:
    """Run `args`, return stdout; a timeout or non-zero exit becomes DocumentError.

    `temp_name` is a temporary copy's path: messages show the user's `path` instead.
    """
    limit = tool_timeout() if timeout is None else timeout
    try:
        done = subprocess.run(args, capture_output=True, timeout=limit, check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise DocumentError(
            path,
            f"{what} took longer than {limit:.0f} s and was stopped",
            "the file may be damaged or very large; raise DIRECTIVES_TOOL_TIMEOUT to wait longer",
        ) from None
    except OSError as err:
        raise DocumentError(path, f"{what} could not be started ({err.strerror or err})") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        reason = detail[-1][:200] if detail else f"exit status {done.returncode}"
        if temp_name:
            reason = reason.replace(temp_name, "the file")
        raise DocumentError(
            path, f"{what} failed: {reason}", "the file may be damaged; export it again from the original"
        )
    return done.stdout
