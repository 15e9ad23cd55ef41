"""A small legislation repository in git, built in a temporary folder for the CI-integration tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

GIT = shutil.which("git")
# Skipped on a developer's machine without git; in CI (.ci/run installs git) the tests run and must pass.
needs_git = pytest.mark.skipif(GIT is None and not os.environ.get("CI"), reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity and no user or system configuration."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
        "GIT_AUTHOR_NAME": "Drafting Office",
        "GIT_AUTHOR_EMAIL": "drafting@example.org",
        "GIT_COMMITTER_NAME": "Drafting Office",
        "GIT_COMMITTER_EMAIL": "drafting@example.org",
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def init(repo: Path) -> None:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()
