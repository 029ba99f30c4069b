"""Signing the manifest with tools an administration has, offline: ``ssh-keygen -Y`` or ``gpg``.

The signature covers manifest.json, which holds every other file's digest: one signature seals
the bundle.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from osscheck.errors import UsageError
from osscheck.messages import Message

NAMESPACE = "osscheck-evidence"  # ssh-keygen's -n: a signature made for this purpose only
SIGNATURE = "manifest.json.sig"
_SSH_ARMOUR = "-----BEGIN SSH SIGNATURE-----"
_PGP_ARMOUR = "-----BEGIN PGP SIGNATURE-----"


def parse_spec(spec: str) -> tuple[str, str]:
    """``ssh:KEYFILE`` or ``gpg:KEYID`` as (tool, key); the tool must be on the PATH."""
    kind, _, key = spec.partition(":")
    if kind not in ("ssh", "gpg") or not key:
        raise UsageError(Message("evidence.bad-sign", value=repr(spec)))
    tool = _tool(kind)
    if kind == "ssh" and not Path(key).is_file():
        raise UsageError(Message("evidence.no-key-file"), key)
    return tool, key


def _tool(kind: str) -> str:
    name = "ssh-keygen" if kind == "ssh" else "gpg"
    found = shutil.which(name)
    if found is None:
        raise UsageError(Message("evidence.no-tool", tool=name))
    return found


def sign(folder: Path, tool: str, key: str) -> None:
    """Write ``folder``/manifest.json.sig."""
    if Path(tool).name == "ssh-keygen":
        args = [tool, "-Y", "sign", "-f", str(Path(key).resolve()), "-n", NAMESPACE, "manifest.json"]
    else:
        args = [tool, "--batch", "--yes", "--local-user", key, "--detach-sign", "--armor"]
        args += ["--output", SIGNATURE, "manifest.json"]
    _run(args, folder, Path(tool).name)


def verify(folder: Path, allowed_signers: Path | None) -> str:
    """Check ``folder``/manifest.json.sig; the signer as the tool names it, or UsageError."""
    signature = folder / SIGNATURE
    try:
        text = signature.read_text(encoding="ascii", errors="replace")
    except OSError as exc:
        raise UsageError(
            Message("evidence.cannot-read", problem=str(exc.strerror or exc)), signature
        ) from None
    if text.startswith(_SSH_ARMOUR):
        if allowed_signers is None:
            raise UsageError(Message("evidence.needs-allowed-signers"), signature)
        tool = _tool("ssh")
        signers = str(allowed_signers.resolve())
        found = _run([tool, "-Y", "find-principals", "-s", SIGNATURE, "-f", signers], folder, "ssh-keygen")
        principal = found.splitlines()[0].strip() if found.strip() else ""
        args = [tool, "-Y", "verify", "-f", signers, "-I", principal, "-n", NAMESPACE, "-s", SIGNATURE]
        _run(args, folder, "ssh-keygen", stdin=folder / "manifest.json")
        return principal
    if text.startswith(_PGP_ARMOUR):
        tool = _tool("gpg")
        out = _run([tool, "--batch", "--verify", SIGNATURE, "manifest.json"], folder, "gpg", both=True)
        good = [line for line in out.splitlines() if "Good signature" in line]
        return good[0].split("Good signature from", 1)[-1].strip() if good else "gpg"
    raise UsageError(Message("evidence.unknown-signature"), signature)


def _run(args: list[str], folder: Path, name: str, stdin: Path | None = None, both: bool = False) -> str:
    try:
        data = stdin.read_bytes() if stdin is not None else b""
        done = subprocess.run(args, cwd=folder, input=data, capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise UsageError(Message("evidence.tool-failed", tool=name, problem=str(exc))) from None
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        problem = (err.strip() or out.strip() or f"exit {done.returncode}").splitlines()[-1]
        raise SignatureError(Message("evidence.tool-failed", tool=name, problem=problem))
    return out + err if both else out


class SignatureError(UsageError):
    """The tool ran and said no: a signature that does not verify (or could not be made)."""
