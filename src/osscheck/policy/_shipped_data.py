"""Made by ``python -m osscheck.policy.shipped`` from policies/*.toml: do not edit."""
# ruff: noqa: E501

POLICIES = {
    "internal-use": (
        "1115e6c2f8ec905ae3f7beda2cb02b10f65da8d9160fcdba212535061b48b500",
        {
            "policy": {
                "name": "internal-use",
                "title": "Internal use",
                "description": "Software the administration runs itself and does not pass on. Every open source\nlicence is allowed; proprietary, source-available and unknown licences need a justification\n(Beweislastumkehr: the burden of proof lies with the proprietary choice).",
                "context": "internal",
                "unknown": "review",
                "dev-dependencies": False,
                "notes": [
                    "Handing the software to another legal entity (another authority, a municipal company, a service provider's customer) is distribution: check it under public-code then.",
                    "Network copyleft (AGPL, EUPL) applies as soon as users outside the administration use the software over a network: check it under network-service then.",
                ],
            },
            "categories": {
                "permissive": "allow",
                "public-domain": "allow",
                "weak-copyleft": "allow",
                "strong-copyleft": "allow",
                "network-copyleft": "allow",
                "source-available": "review",
                "non-commercial": "review",
                "proprietary": "review",
            },
            "licenses": {"review": ["SSPL-1.0", "BUSL-1.1", "Elastic-2.0"]},
        },
    ),
    "library": (
        "1700553147fe66c065bc3038d4a21c452aef58d5be660ad25409cf9e69cec879",
        {
            "policy": {
                "name": "library",
                "title": "Reusable library",
                "description": "Libraries meant for the widest reuse by other administrations and companies:\npermissive and weak copyleft dependencies only; strong and network copyleft (GPL, AGPL, EUPL) are\ndenied; the Classpath and GCC runtime exceptions make GPL code usable as a library.",
                "context": "distribution",
                "outbound": "MIT",
                "unknown": "deny",
                "dev-dependencies": False,
            },
            "categories": {
                "permissive": "allow",
                "public-domain": "allow",
                "weak-copyleft": "allow",
                "strong-copyleft": "deny",
                "network-copyleft": "deny",
                "source-available": "deny",
                "non-commercial": "deny",
                "proprietary": "deny",
            },
            "licenses": {
                "allow": [
                    "GPL-2.0-only WITH Classpath-exception-2.0",
                    "GPL-2.0-or-later WITH Classpath-exception-2.0",
                    "GPL-3.0-only WITH GCC-exception-3.1",
                    "GPL-3.0-or-later WITH GCC-exception-3.1",
                ]
            },
        },
    ),
    "network-service": (
        "97ba25fa38639985cc87b0dfac2387da6766bda6bf17cd5a1f25164b0f5f4884",
        {
            "policy": {
                "name": "network-service",
                "title": "Online service for citizens",
                "description": "A service that citizens use over the network. Copyleft is allowed, with its\nobligations listed (the AGPL's and EUPL's source offer to network users); SSPL is denied.\nFront-end code served to browsers is distributed: it must fit the outbound licence.",
                "context": "network",
                "outbound": "EUPL-1.2",
                "unknown": "deny",
                "dev-dependencies": False,
                "notes": [
                    "JavaScript, CSS and fonts served to browsers are distributed to every visitor: their licence notices must reach the browser too."
                ],
            },
            "categories": {
                "permissive": "allow",
                "public-domain": "allow",
                "weak-copyleft": "allow",
                "strong-copyleft": "allow",
                "network-copyleft": "allow",
                "source-available": "deny",
                "non-commercial": "deny",
                "proprietary": "review",
            },
            "licenses": {"deny": ["SSPL-1.0", "BUSL-1.1", "Elastic-2.0", "Commons-Clause"]},
        },
    ),
    "open-code": (
        "019cd4e58d2e82b36eec96f5e82590df6dd4ff9636b9b0c7c52609738e0dd9b5",
        {
            "policy": {
                "extends": "public-code",
                "name": "open-code",
                "title": "Publication on Open CoDE",
                "description": "As public-code, plus the platform's rules: all content under a licence on openCode's\nlicence list, a LICENSE file in the repository, and an SBOM that records the validation.",
                "non-osi": "review",
                "non-opencode": "review",
                "require-license-file": True,
                "require-sbom": True,
            }
        },
    ),
    "public-code": (
        "189b1d579e77684ad20865aaeb1bd5054ff5b8d70ec5f9c150e0b3c7d503b555",
        {
            "policy": {
                "name": "public-code",
                "title": "Publishing commissioned software",
                "description": "Software a public administration develops or commissions and publishes for everyone.\nThe project's own licence must be OSI-approved (EUPL-1.2 when none is declared); every dependency\nmust be compatible with it; source-available, non-commercial and proprietary components need a\nrecorded justification; unknown licences are denied.",
                "context": "distribution",
                "outbound": "EUPL-1.2",
                "outbound-osi": True,
                "unknown": "deny",
                "dev-dependencies": False,
                "mode": "dependency",
                "multiple-licenses": "all",
                "min-confidence": 0.8,
            },
            "categories": {
                "permissive": "allow",
                "public-domain": "allow",
                "weak-copyleft": "allow",
                "strong-copyleft": "allow",
                "network-copyleft": "allow",
                "source-available": "deny",
                "non-commercial": "deny",
                "proprietary": "deny",
            },
            "licenses": {"allow": [], "deny": ["SSPL-1.0", "BUSL-1.1", "Elastic-2.0", "Commons-Clause"]},
        },
    ),
}
