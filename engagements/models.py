"""Engagements: running a partnership after the decision."""
