"""Kept for imports made while plpg.pdf was broken; use plpg.pdf directly."""

from plpg.pdf import pdf_response

__all__ = ["pdf_response"]
