"""The shared engagement workspace: what a district shares with its partner's staff.

A Django app of its own (label ``workspace``) inside the engagements package: it builds on
engagements (imports point that way) and keeps its own migrations.
"""
