"""Rules: the rule language (pydantic models) and loading rule packs from YAML. Rules are data."""
