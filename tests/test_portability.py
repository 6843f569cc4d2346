"""Every module of citetrack imports where POSIX-only modules do not exist (Windows)."""

import subprocess
import sys

POSIX_ONLY = ("fcntl", "resource", "pwd", "grp", "termios", "tty")


def test_no_posix_only_module_is_needed_at_import_time():
    probe = (
        "import sys, importlib, pkgutil\n"
        f"for name in {POSIX_ONLY!r}:\n"
        "    sys.modules[name] = None  # as on Windows: importing it raises ImportError\n"
        "import citetrack\n"
        "failed = []\n"
        "for info in pkgutil.walk_packages(citetrack.__path__, 'citetrack.'):\n"
        "    if info.name.endswith('__main__'):\n"
        "        continue  # runs the command line\n"
        "    try:\n"
        "        importlib.import_module(info.name)\n"
        "    except ImportError as exc:\n"
        "        failed.append(f'{info.name}: {exc}')\n"
        "print('\\n'.join(failed))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
