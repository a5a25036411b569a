"""Patent claims analysis: split claims cells, pick a language version, classify and link claims.

The package knows nothing of Streamlit: the app and the command line both call it.
"""
from claims.engine import parse_claims
from claims.figures import claim_length, patent_figures
from claims.model import Claim, Figures, Finding, ParsedCell, Version

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "Figures",
    "Finding",
    "ParsedCell",
    "Version",
    "claim_length",
    "parse_claims",
    "patent_figures",
]
