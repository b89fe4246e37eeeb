"""Package list for setuptools (the rest of the metadata is in pyproject.toml).

The top-level ``prompts/`` folder is shipped as ``assistant.prompts`` so the wheel carries the prompts and
the offline sentence templates; pyproject.toml alone cannot add a mapped folder to a discovered package list.
"""

from setuptools import find_namespace_packages, setup

setup(
    # assistant/ has no __init__.py (a namespace package), hence find_namespace_packages.
    packages=[*find_namespace_packages(include=["assistant*"]), "assistant.prompts", "assistant.prompts.offline"],
    package_dir={"assistant.prompts": "prompts"},
)
