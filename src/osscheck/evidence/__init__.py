"""``osscheck evidence``: the folder an auditor keeps for a release, and ``evidence verify`` for it.

One check, written out with everything needed to see how it was reached and to reach it again:
reports, SBOMs, the notice, the policy and register as used, copies of the inputs, and a manifest
of digests that says which requirement each file evidences.
"""
