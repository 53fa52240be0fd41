"""Build step: write the question bank from the playbook's content into the wheel, so that an
installed revops scores from any folder (src/revops/bank/cache.py reads it). Everything else
about the package is in pyproject.toml."""

import json
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithBank(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the content of its own checkout
        sys.path.insert(0, str(ROOT / "src"))
        from revops.bank.build import bank
        from revops.content.playbook import load_playbook
        from revops.foundation.problems import InvalidInput

        try:
            data = bank(load_playbook(ROOT))
        except InvalidInput as error:
            sys.exit(f"cannot build: the playbook content is invalid\n{error}")
        target = Path(self.build_lib) / "revops" / "data" / "bank.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


setup(cmdclass={"build_py": BuildWithBank})
