"""Licence policies: the model, the TOML loader and the evaluation."""

from osscheck.policy.loader import DEFAULT_POLICY, builtin_names, load_policy
from osscheck.policy.model import Policy, PolicyException

__all__ = ["DEFAULT_POLICY", "Policy", "PolicyException", "builtin_names", "load_policy"]
