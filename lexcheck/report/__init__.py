"""Reports: one module per output format. Each renders a RunResult to a string and knows nothing else."""
