"""Shared solutions (a model, a template, a practice the network publishes) and how
uniformly the departments have adopted them: the strategy's own measure of success."""
