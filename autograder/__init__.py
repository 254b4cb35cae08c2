"""nngrade: grades the neural-network course's assignments (see docs/ARCHITECTURE.md)."""
__version__ = "0.1.0"
