"""Engagement views, one module per feature."""
