"""The files ``osscheck init`` writes, as text: the configuration table, the pre-commit entry, and
the CI files of the README's CI section (the GitLab component, the GitHub action, a Jenkins stage).

The CI files name the component and the action at this osscheck's version, so that what a project
runs is the release it was set up with; policy and outbound licence are in the configuration, which
``osscheck check`` reads in CI as on a laptop.
"""

from __future__ import annotations

import json

from osscheck import __version__

#: where osscheck's git repository is published (pyproject.toml's Source URL)
HOME = "https://opencode.de/osscheck"
#: the hook id of .pre-commit-hooks.yaml
HOOK_ID = "osscheck"
REV = f"v{__version__}"
#: the component (templates/osscheck.yml) in the administration's mirror of osscheck on its GitLab
COMPONENT = f"$CI_SERVER_FQDN/ospo/osscheck/osscheck@{__version__}"
#: the action (action.yml in osscheck's repository root) on GitHub
ACTION = f"ospo/osscheck@{REV}"


def toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's (``\\"``, ``\\\\``, ``\\uXXXX``)."""
    return json.dumps(value, ensure_ascii=False)


def config_lines(values: dict[str, str], comment: str) -> list[str]:
    """``key = "value"`` lines, after one comment line that says where they came from."""
    return [f"# {comment}", *(f"{key} = {toml_string(value)}" for key, value in values.items())]


def hook_entry(indent: str) -> list[str]:
    """One entry of ``repos:`` for the osscheck hook, its dash at ``indent``."""
    return [
        f"{indent}- repo: {HOME}",
        f"{indent}  rev: {REV}",
        f"{indent}  hooks:",
        f"{indent}    - id: {HOOK_ID}",
    ]


def hook_data() -> dict[str, object]:
    """The entry as pre-commit reads it (to check an edit says what it should)."""
    return {"repo": HOME, "rev": REV, "hooks": [{"id": HOOK_ID}]}


def precommit_config(comment: str) -> str:
    return "\n".join([f"# {comment}", "repos:", *hook_entry("  ")]) + "\n"


def gitlab_include(comment: str) -> list[str]:
    """The ``include:`` of the component, with its inputs left at their defaults."""
    return [f"# {comment}", "include:", f"  - component: {COMPONENT}"]


def gitlab_item() -> list[str]:
    return [f"  - component: {COMPONENT}"]


def github_workflow(comment: str) -> str:
    return (
        "\n".join(
            [
                f"# {comment}",
                "name: licences",
                "on:",
                "  push:",
                "  pull_request:",
                "permissions:",
                "  contents: read",
                "  security-events: write  # the SARIF upload to code scanning",
                "jobs:",
                "  licences:",
                "    runs-on: ubuntu-latest",
                "    steps:",
                "      - uses: actions/checkout@v4",
                f"      - uses: {ACTION}",
            ]
        )
        + "\n"
    )


def jenkins_stage(indent: str) -> list[str]:
    """The stage of the README's Jenkins line: the JUnit report, which turns a denied build unstable."""
    lines = [
        "stage('Licences') {",
        "    steps {",
        "        sh 'pip install osscheck'",
        "        sh 'osscheck check . --fail-on never -f junit -o osscheck-junit.xml'",
        "        sh 'osscheck check . --fail-on never -f json -o osscheck.json'",
        "    }",
        "    post {",
        "        always {",
        "            junit 'osscheck-junit.xml'",
        "            archiveArtifacts artifacts: 'osscheck.json', allowEmptyArchive: true",
        "        }",
        "    }",
        "}",
    ]
    return [indent + line for line in lines]


def jenkinsfile(comment: str) -> str:
    return (
        "\n".join(
            [
                f"// {comment}",
                "pipeline {",
                "    agent any",
                "    stages {",
                *jenkins_stage(" " * 8),
                "    }",
                "}",
            ]
        )
        + "\n"
    )
