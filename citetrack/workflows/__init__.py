"""Workflows: one function per user task, read -> rules -> store, one transaction per unit of work."""
